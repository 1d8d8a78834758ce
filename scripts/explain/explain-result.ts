// The shape `explainToken` returns and `npm run explain -- --json` prints: the contract the playground reads too.
import type { DecisionReason } from '../../authorizer/decision-log';
import type { PolicyDocument } from '../../authorizer/policy/build-policy';
import type { CheckId, CheckStatus } from '../../authorizer/verification-checks';
import type { AuthContext } from '../../shared/auth-context';
import type { FailureReason } from './fix-hints';

/** verified: a policy was built; unauthorized: 401; unavailable: the key source is down (503, retry); error: 500. */
export type ExplainOutcome = 'verified' | 'unauthorized' | 'unavailable' | 'error';

export interface RouteExplanation {
  method: string;
  path: string;
  decision: 'allow' | 'deny';
  /** The route's permissions the token does not hold (all of them when the token was refused). */
  missing: string[];
  /** ok, insufficient_scope or route_not_configured; for a refused token, the refusal's reason. */
  reason: DecisionReason;
}

export interface CheckExplanation {
  id: CheckId;
  label: string;
  status: CheckStatus;
}

/** How the provider was chosen: the token's (unverified) iss looked up exactly among the configured issuers. */
export interface ProviderSelection {
  /** The token's iss claim when it is a string; null when the token could not be decoded or has none. */
  tokenIssuer: string | null;
  provider: string | null;
  providerType: string | null;
  configuredIssuers: string[];
}

export interface ExplainedIdentity {
  sub: string;
  /** The provider-qualified id handlers key ownership on (shared/auth-context.ts). */
  userId: string;
  clientId: string | null;
  tokenUse: string | null;
  /** cognito:groups, when the token carries them. */
  groups: string[];
  /** exp, epoch seconds. */
  expiresAt: number;
}

export interface ExplainResult {
  verified: boolean;
  reason: FailureReason | null;
  provider: string | null;
  principalId: string | null;
  permissions: string[];
  routes: RouteExplanation[];
  policy: PolicyDocument | null;
  context: AuthContext | null;
  outcome: ExplainOutcome;
  /** The one-line fix for `reason`. */
  hint: string | null;
  /** The failure as the authorizer's error describes it (never the token). */
  detail: string | null;
  /** The listed tenant whose issuer the token named, for a multi-tenant provider. */
  tenant: string | null;
  checks: CheckExplanation[];
  selection: ProviderSelection;
  identity: ExplainedIdentity | null;
  /** Decoded, not verified: what the token says about itself; null when it could not be decoded. */
  token: { header: Record<string, unknown>; claims: Record<string, unknown> } | null;
  /** The API prefix the policy document is written for. */
  apiPrefix: string;
  /** The time the checks ran at, epoch seconds. */
  checkedAt: number;
  /** Where the configuration came from, when the caller says (the CLI does). */
  configSource?: string;
  /** What the authorizer would have logged as a warning: policy limitations, context claims left out. */
  notes: string[];
}
