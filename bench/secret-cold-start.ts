// Cold-start cost of reading the cursor secret from Secrets Manager: SDK module load, client construction and the
// first GetSecretValue (credentials, signing, one HTTP exchange) against a fake endpoint on 127.0.0.1, in fresh processes.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { startFakeSecretsManager } from '../test/helpers/fake-secrets-manager';
import { bundleHandler } from './bundle';
import { stats, type CaseStats } from './measure';

const ROOT = path.join(__dirname, '..');
const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:bench-CursorSecret-AbCdEf';

export interface SecretColdStart {
  /** require('@aws-sdk/client-secrets-manager') in a fresh process. */
  sdkLoad: CaseStats;
  /** Loading the bundled cursor-secret module and building `new SecretsManagerClient({})`. */
  construct: CaseStats;
  /** The first call: default credential chain (env), SigV4, one round trip to 127.0.0.1. */
  firstCall: CaseStats;
  /** Everything the Secrets Manager path adds to a cold start. */
  total: CaseStats;
  /** A later call of the same source (the per-cold-start cache). */
  cachedCall: CaseStats;
}

// Runs in the child: each phase timed with performance.now(), one JSON line on stderr. With \`afterDynamo\`, the
// DynamoDB client is loaded and its credentials resolved first, as the list function has them anyway: what remains
// is what the Secrets Manager path adds to that function.
const PROBE = (bundle: string, afterDynamo: boolean) => `
const prepared = ${afterDynamo}
  ? new (require('@aws-sdk/client-dynamodb').DynamoDBClient)({}).config.credentials()
  : Promise.resolve();
prepared.then(() => {
const t0 = performance.now();
require('@aws-sdk/client-secrets-manager');
const t1 = performance.now();
const source = require(${JSON.stringify(bundle)}).loadCursorSecret(process.env);
const t2 = performance.now();
source().then(async (secret) => {
  const t3 = performance.now();
  await source();
  const t4 = performance.now();
  if (secret.length < 32) process.exit(2);
  process.stderr.write(JSON.stringify({ sdkLoad: t1 - t0, construct: t2 - t1, firstCall: t3 - t2, cachedCall: t4 - t3 }) + '\\n');
}, (err) => { process.stderr.write(String(err) + '\\n'); process.exit(3); });
});`;

type Sample = Record<'sdkLoad' | 'construct' | 'firstCall' | 'cachedCall', number>;

export async function measureSecretColdStart(runs = 15, afterDynamo = false): Promise<SecretColdStart> {
  const sm = await startFakeSecretsManager();
  sm.setSecret(ARN, 'a-cursor-secret-generated-by-secrets-manager-0001');
  try {
    const bundle = await bundleHandler(path.join(ROOT, 'services', 'comments', 'cursor-secret.ts'), 'cursor-secret');
    const env = {
      ...process.env,
      CURSOR_SECRET: '',
      CURSOR_SECRET_ARN: ARN,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: sm.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      // The bundle lives in a temp directory; resolve the SDK from the repo, as Lambda resolves it from its runtime.
      NODE_PATH: path.join(ROOT, 'node_modules'),
    };
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) samples.push(await probe(PROBE(bundle.file, afterDynamo), env));
    const of = (key: keyof Sample) => samples.map((s) => s[key]);
    const total = samples.map((s) => s.sdkLoad + s.construct + s.firstCall);
    return {
      sdkLoad: stats('SDK module load', of('sdkLoad')),
      construct: stats('client construction', of('construct')),
      firstCall: stats('first GetSecretValue', of('firstCall')),
      total: stats('Secrets Manager path, total', total),
      cachedCall: stats('cached call', of('cachedCall')),
    };
  } finally {
    await sm.close();
  }
}

function probe(script: string, env: NodeJS.ProcessEnv): Promise<Sample> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['-e', script], { env }, (err, _out, errText) => {
      const line = errText.trim().split('\n').at(-1) ?? '';
      if (err || !line.startsWith('{')) reject(new Error(`secret probe failed: ${err?.message ?? ''} ${errText}`));
      else resolve(JSON.parse(line) as Sample);
    }),
  );
}

export function printSecretColdStart(result: SecretColdStart, runs: number, label = 'alone'): void {
  console.log(
    `\nCursor secret from Secrets Manager, cold, ${label} (ms, median / best / worst of ${runs} fresh processes, fake endpoint on 127.0.0.1)`,
  );
  for (const row of [result.sdkLoad, result.construct, result.firstCall, result.total, result.cachedCall]) {
    console.log(
      `${row.name.padEnd(36)} ${row.median.toFixed(2).padStart(8)} ${row.best.toFixed(2).padStart(8)} ${row.worst.toFixed(2).padStart(8)}`,
    );
  }
}

if (require.main === module) {
  const runs = Number(process.env.BENCH_COLD_RUNS ?? 15);
  (async () => {
    printSecretColdStart(await measureSecretColdStart(runs), runs);
    printSecretColdStart(
      await measureSecretColdStart(runs, true),
      runs,
      'after the DynamoDB client (what the list function adds)',
    );
  })().catch((err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  });
}
