// The packaged template fixture (`sls package --stage local`), fresh per call so tests can break copies of it.
import path from 'node:path';
import { readTemplate } from '../../../../../scripts/gateway/model/read-template';

export const FIXTURE_PATH = path.resolve(__dirname, '../../../../fixtures/gateway/packaged-template.json');

export interface TemplateJson {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
}

const parsed = readTemplate(FIXTURE_PATH) as TemplateJson;

export function packagedTemplate(): TemplateJson {
  return structuredClone(parsed);
}

/** A copy of the fixture with one resource's properties changed (or the resource removed, when `change` is null). */
export function templateWith(logicalId: string, change: ((p: Record<string, unknown>) => void) | null): TemplateJson {
  const template = packagedTemplate();
  const resource = template.Resources[logicalId];
  if (!resource) throw new Error(`the fixture has no ${logicalId}`);
  if (change === null) delete template.Resources[logicalId];
  else change(resource.Properties);
  return template;
}

/** The logical id of the fixture's only resource of a type (so tests survive a regenerated fixture). */
export function onlyResourceOf(type: string): string {
  const ids = Object.entries(parsed.Resources)
    .filter(([, r]) => r.Type === type)
    .map(([id]) => id);
  if (ids.length !== 1) throw new Error(`the fixture has ${ids.length} resources of type ${type}`);
  return ids[0] as string;
}
