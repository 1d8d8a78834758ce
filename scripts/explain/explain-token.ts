// Explains one token against one configuration by running the authorizer's own verification and policy code.
import { parseBearerToken } from '../../authorizer/bearer-token';
import { classifyFailure } from '../../authorizer/classify-failure';
import type { AuthConfig } from '../../authorizer/config/load-config';
import { unwrapFailure } from '../../authorizer/failure-facts';
import { decodeToken, type DecodedToken } from '../../authorizer/jwt/decode-token';
import { createJsonFetcher, type FetchJson } from '../../authorizer/keys/fetch-json';
import { createPolicyBuilder } from '../../authorizer/policy/build-policy';
import { createTokenEntries, type TokenEntry } from '../../authorizer/token-entry';
import { createVerifiers, type VerifierSelector } from '../../authorizer/verifiers/select-verifier';
import { resolveVerifySettings, type VerifiedToken } from '../../authorizer/verifiers/verifier';
import { verifyToken } from '../../authorizer/verify-token';
import { explainChecks } from './check-labels';
import type { CheckExplanation, ExplainResult, ExplainedIdentity, ProviderSelection } from './explain-result';
import { hintFor, type FailureReason } from './fix-hints';
import { createNoteLogger } from './note-logger';
import { grantedRows, parseRouteRequest, refusedRows, selectRoutes, type SelectedRoute } from './route-rows';

export type { ExplainResult } from './explain-result';

/** Stands for `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}`: the document is the same under every prefix. */
export const PLACEHOLDER_API_PREFIX = 'arn:aws:execute-api:{region}:{account}:{apiId}/{stage}';

export interface ExplainDeps {
  /** The authorizer's fetcher by default (node:http/https, AUTH_CONFIG jwks.timeoutMs, no redirects). */
  fetchJson?: FetchJson;
  now?: () => number;
  /** The API prefix the policy document is written under; a placeholder by default. */
  apiPrefix?: string;
  /** "POST /comments" or a request such as "GET /comments/42": only that route in `routes` (a TypeError if malformed). */
  route?: string;
}

/**
 * Verifies `token` (a compact JWT, or a whole "Bearer <jwt>" header value) as the authorizer would, with fresh key
 * stores (the keys are fetched now, from the configured sources), and explains the outcome. Never rejects for a bad
 * token or an unreachable key source: those are results.
 */
export async function explainToken(token: string, config: AuthConfig, deps: ExplainDeps = {}): Promise<ExplainResult> {
  const now = deps.now ?? Date.now;
  const fetchJson = deps.fetchJson ?? createJsonFetcher({ timeoutMs: config.jwks.timeoutMs });
  const policy = createPolicyBuilder(config.routes);
  const routes = selectRoutes(policy.routes, deps.route === undefined ? undefined : parseRouteRequest(deps.route));
  const notes = policy.warnings.map((w) => `policy limitation (${w.kind}): ${w.detail}`);
  const selector = createVerifiers(config.providers, resolveVerifySettings(config), { now, fetchJson });
  const toEntry = createTokenEntries({
    policy,
    contextClaims: config.contextClaims,
    contextMaxBytes: config.contextMaxBytes,
    logger: createNoteLogger(notes),
  });
  const header = /^\s*bearer /i.test(token) ? token : `Bearer ${token.trim()}`;
  const decoded = decodeForDisplay(header);
  const apiPrefix = deps.apiPrefix ?? PLACEHOLDER_API_PREFIX;
  const common = {
    apiPrefix,
    checkedAt: Math.floor(now() / 1000),
    notes,
    token: decoded ? { header: decoded.header, claims: decoded.payload } : null,
  };
  const choice = (provider: string | undefined, failure?: FailureReason) =>
    choiceOf(config, selector, decoded, provider, failure);
  try {
    // The authorizer's path for a header the cache does not know: parse, verify, then the route-independent entry.
    const verified = await verifyToken(parseBearerToken(header), selector);
    const entry = toEntry(verified);
    return { ...verifiedResult(verified, entry, routes, apiPrefix), ...choice(entry.provider), ...common };
  } catch (err) {
    const { cause, facts } = unwrapFailure(err);
    // Only failures reach here, so the reason is never `ok`: classifyFailure's reasons are those of a refusal or fault.
    const { outcome, reason } = classifyFailure(cause);
    const failure = reason as FailureReason;
    return {
      verified: false,
      reason: failure,
      provider: facts.provider ?? null,
      principalId: facts.principalId ?? null,
      permissions: [],
      routes: refusedRows(routes, failure),
      policy: null,
      context: null,
      outcome,
      hint: hintFor(failure),
      detail: describe(cause, failure),
      tenant: facts.tenant ?? null,
      identity: null,
      ...choice(facts.provider, failure),
      ...common,
    };
  }
}

function verifiedResult(verified: VerifiedToken, entry: TokenEntry, routes: SelectedRoute[], apiPrefix: string) {
  return {
    verified: true,
    reason: null,
    provider: entry.provider,
    principalId: entry.principalId,
    permissions: [...verified.permissions].sort(),
    routes: grantedRows(routes, entry.grant, verified.permissions),
    policy: entry.grant.documentFor(apiPrefix),
    context: entry.context,
    outcome: 'verified',
    hint: null,
    detail: null,
    tenant: entry.tenant ?? null,
    identity: identityOf(verified, String(entry.context.userId)),
  } as const;
}

// The same decoder the authorizer uses, only to show what the token claims; a token it refuses shows nothing.
function decodeForDisplay(header: string): DecodedToken | undefined {
  try {
    return decodeToken(parseBearerToken(header));
  } catch {
    return undefined;
  }
}

// The issuers are the selector's own: one per provider, or per listed tenant of a multi-tenant provider.
function choiceOf(
  config: AuthConfig,
  selector: VerifierSelector,
  decoded: DecodedToken | undefined,
  provider: string | undefined,
  failure: FailureReason | undefined,
): { selection: ProviderSelection; checks: CheckExplanation[] } {
  const chosen = config.providers.find((p) => p.name === provider);
  const iss = decoded?.payload.iss;
  const selection = {
    tokenIssuer: typeof iss === 'string' ? iss : null,
    provider: chosen?.name ?? null,
    providerType: chosen?.type ?? null,
    configuredIssuers: selector.verifiers.map((v) => v.issuer),
  };
  return { selection, checks: explainChecks(failure, selection.providerType) };
}

function identityOf(verified: VerifiedToken, userId: string): ExplainedIdentity {
  const groups = verified.payload['cognito:groups'];
  return {
    sub: verified.subject,
    userId,
    clientId: verified.clientId ?? null,
    tokenUse: verified.tokenUse ?? null,
    groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [],
    expiresAt: verified.expiresAt,
  };
}

// The authorizer's own error messages name the reason, a URL or a limit, never the token; the cause says why a key
// source failed (an HTTP status, a timeout). A message that only restates the reason adds nothing.
function describe(err: unknown, reason: FailureReason): string | null {
  if (!(err instanceof Error)) return String(err);
  if (err.message === `token rejected (${reason})`) return null;
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return `${err.message}${cause}`;
}
