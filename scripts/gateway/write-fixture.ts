// Rewrites the gateway tests' template fixture from `sls package --stage local` (run after changing serverless.yml).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deploymentEnv } from '../serverless/run-package';
import { packageTemplate } from './packaged-template';

export const GATEWAY_FIXTURE = path.resolve(
  __dirname,
  '..',
  '..',
  'test',
  'fixtures',
  'gateway',
  'packaged-template.json',
);

/**
 * The resources the gateway reads from a template: the REST API's own, without the deployment (its logical id is a
 * timestamp); function code and roles change with every build.
 */
export function gatewayResources(template: { Resources?: Record<string, { Type?: string }> }): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(template.Resources ?? {}).filter(
      ([, r]) => String(r.Type).startsWith('AWS::ApiGateway::') && r.Type !== 'AWS::ApiGateway::Deployment',
    ),
  );
}

async function main(): Promise<void> {
  const template = await packageTemplate({ stage: 'local', env: deploymentEnv() });
  await writeFile(GATEWAY_FIXTURE, `${JSON.stringify(template, null, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), GATEWAY_FIXTURE)}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  });
}
