// The provider kinds by their AUTH_CONFIG `type`: adding a kind is its module plus one entry in PROVIDER_KINDS.
import * as z from 'zod/mini';
import type { SchemaParts } from '../config/schema';
import type { KeySource } from '../keys/key-source';
import { cognitoKind } from './cognito-kind';
import { oidcKind } from './oidc-kind';
import type { KindChecks, ProviderBase, ProviderKind } from './provider-kind';

/** Every provider kind; the config schema's union and the verifiers are both derived from this list. */
export const PROVIDER_KINDS = [cognitoKind, oidcKind] as const;

type Kind = (typeof PROVIDER_KINDS)[number];
export type ProviderType = Kind['type'];
/** A provider block as the schema outputs it, of any kind. */
export type ParsedProvider = Parameters<Kind['resolve']>[0];
/** A provider with everything derived, of any kind: what AuthConfig.providers holds. */
export type ProviderConfig = ReturnType<Kind['resolve']>;

type ProviderSchema = ReturnType<Kind['schema']>;

const BY_TYPE = new Map<string, Kind>(PROVIDER_KINDS.map((kind) => [kind.type, kind]));

/** The `providers[]` element of AUTH_CONFIG: one block per kind, discriminated by `type`. */
export function createProviderSchema(parts: SchemaParts) {
  // One schema per kind, and there is at least one kind: the tuple type zod asks for.
  const schemas = PROVIDER_KINDS.map((kind) => kind.schema(parts)) as [ProviderSchema, ...ProviderSchema[]];
  const types = PROVIDER_KINDS.map((kind) => `"${kind.type}"`).join(' or ');
  return z.discriminatedUnion('type', schemas, { error: `type must be ${types}` });
}

/** The keys of a provider block that name a key-source URL, by its kind. */
export function urlKeysOf(parsed: ParsedProvider): readonly string[] {
  return kindOf<ParsedProvider, ProviderConfig>(parsed.type).urlKeys;
}

/** Derives what a provider block leaves out (issuer, JWKS URI), by its kind's rules. */
export function resolveProvider(parsed: ParsedProvider, index: number): ProviderConfig {
  return kindOf<ParsedProvider, ProviderConfig>(parsed.type).resolve(parsed, index);
}

/** The providers a configured one is verified as: itself, or one per listed tenant of a multi-tenant issuer. */
export function expandProvider(provider: ProviderConfig): readonly ProviderConfig[] {
  const kind = kindOf<ParsedProvider, ProviderConfig>(provider.type);
  return kind.expand ? kind.expand(provider) : [provider];
}

/** The kind-specific parts of an expanded provider (expandProvider): where its keys are, and its claim checks. */
export function describeProvider(provider: ProviderConfig): { keySource: KeySource; checks: KindChecks } {
  const kind = kindOf<ParsedProvider, ProviderConfig>(provider.type);
  return { keySource: kind.keySource(provider), checks: kind.createChecks(provider) };
}

// The one unchecked pairing: TypeScript cannot tie a block's `type` to its kind's parameter types (a union of
// functions accepts only the intersection of their parameters). It holds by construction: the schema lets a
// block with `type: T` through only in the shape of kind T, and resolve keeps `type`.
function kindOf<P extends { type: string }, R extends ProviderBase>(type: string): ProviderKind<P, R> {
  const kind = BY_TYPE.get(type);
  if (!kind) throw new TypeError(`no provider kind "${type}"`);
  return kind as unknown as ProviderKind<P, R>;
}
