// Readers for CloudFormation JSON: a template is untyped input, so each value is checked before it is used.
import { GatewayModelError } from './errors';

export type CfnObject = Readonly<Record<string, unknown>>;

export interface CfnResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: CfnObject;
}

export type CfnResources = ReadonlyMap<string, CfnResource>;

export function isCfnObject(value: unknown): value is CfnObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The template's resources by logical id; anything that is not a `{ Type, Properties? }` object is refused. */
export function readResources(template: unknown): CfnResources {
  if (!isCfnObject(template) || !isCfnObject(template.Resources)) {
    throw new GatewayModelError('invalid_template', null, 'the template has no Resources object');
  }
  const resources = new Map<string, CfnResource>();
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (!isCfnObject(resource) || typeof resource.Type !== 'string') {
      throw new GatewayModelError('invalid_template', logicalId, 'the resource has no Type');
    }
    const properties = resource.Properties ?? {};
    if (!isCfnObject(properties))
      throw new GatewayModelError('invalid_template', logicalId, 'Properties is not an object');
    resources.set(logicalId, { logicalId, type: resource.Type, properties });
  }
  return resources;
}

export function listResourcesOfType(resources: CfnResources, type: string): CfnResource[] {
  return [...resources.values()].filter((r) => r.type === type);
}

/** The logical id of `{ "Ref": "X" }`, or undefined for anything else. */
export function readRef(value: unknown): string | undefined {
  if (!isCfnObject(value) || Object.keys(value).length !== 1) return undefined;
  return typeof value.Ref === 'string' ? value.Ref : undefined;
}

/** `[logicalId, attribute]` of `{ "Fn::GetAtt": ["X", "Attr"] }` (or its `"X.Attr"` short form), else undefined. */
export function readGetAtt(value: unknown): readonly [string, string] | undefined {
  if (!isCfnObject(value) || Object.keys(value).length !== 1) return undefined;
  const att = value['Fn::GetAtt'];
  if (Array.isArray(att) && att.length === 2 && typeof att[0] === 'string' && typeof att[1] === 'string') {
    return [att[0], att[1]];
  }
  if (typeof att === 'string' && /^[^.]+\.[^.]+$/.test(att)) {
    const [id = '', attribute = ''] = att.split('.');
    return [id, attribute];
  }
  return undefined;
}

export function requireString(resource: CfnResource, property: string): string {
  const value = resource.properties[property];
  if (typeof value !== 'string' || value === '') {
    throw new GatewayModelError('invalid_property', resource.logicalId, `${property} must be a non-empty string`);
  }
  return value;
}

export function readOptionalString(resource: CfnResource, property: string): string | undefined {
  const value = resource.properties[property];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new GatewayModelError('invalid_property', resource.logicalId, `${property} must be a string`);
  }
  return value;
}

/** A string → string map property (ResponseParameters, ResponseTemplates); absent = empty. */
export function readStringMap(value: unknown, logicalId: string, property: string): Readonly<Record<string, string>> {
  if (value === undefined) return {};
  if (!isCfnObject(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new GatewayModelError('invalid_property', logicalId, `${property} must map strings to strings`);
  }
  return value as Readonly<Record<string, string>>;
}

/** An HTTP status code written as CloudFormation does (a string, sometimes a number). */
export function readStatusCode(value: unknown, logicalId: string, property: string): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^[1-5]\d\d$/.test(text)) {
    throw new GatewayModelError('invalid_property', logicalId, `${property} must be an HTTP status code`);
  }
  return Number(text);
}
