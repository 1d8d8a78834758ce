// The human output of `npm run explain`: provider, checks, verdict with its fix, identity, routes, policy and context.
import type { ExplainResult } from './explain-result';
import { hintFor } from './fix-hints';
import { formatToken } from './format-token';

const STATUS_MARK = { passed: 'pass', failed: 'FAIL', not_run: '-' } as const;

/** Formats an explanation for a terminal; it holds only what the result holds, and a result never holds the token. */
export function formatExplanation(result: ExplainResult): string {
  const sections = [
    ...(result.configSource ? [[`Configuration: ${result.configSource}`]] : []),
    formatToken(result.token, result.checkedAt),
    formatProvider(result),
    formatChecks(result),
    formatVerdict(result),
    ...(result.identity ? [formatIdentity(result)] : []),
    formatRoutes(result),
    ...(result.policy ? [[`Policy document (under ${result.apiPrefix})`, json(result.policy)]] : []),
    ...(result.context ? [['Context (what handlers read through shared/auth-context.ts)', json(result.context)]] : []),
    ...(result.notes.length > 0 ? [['Notes', ...result.notes.map((n) => `  - ${n}`)]] : []),
  ];
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

function formatProvider({ selection, tenant }: ExplainResult): string[] {
  if (selection.provider) {
    const of = tenant ? `, tenant ${tenant}` : '';
    return [
      `Provider: ${selection.provider} (${selection.providerType}${of}), chosen because the token's iss equals its issuer exactly`,
    ];
  }
  const configured = selection.configuredIssuers.map((i) => `  - ${i}`);
  if (selection.tokenIssuer === null)
    return ['Provider: none chosen (no iss could be read from the token); configured:', ...configured];
  return [`Provider: none: the token's iss ${selection.tokenIssuer} is none of the configured issuers:`, ...configured];
}

function formatChecks({ checks, reason }: ExplainResult): string[] {
  const width = Math.max(...checks.map((c) => c.id.length));
  return [
    'Checks (in the order the authorizer runs them)',
    ...checks.map((c) => {
      const failed = c.status === 'failed' && reason ? `  [${reason}]` : '';
      return `  ${STATUS_MARK[c.status].padEnd(4)}  ${c.id.padEnd(width)}  ${c.label}${failed}`;
    }),
  ];
}

function formatVerdict(result: ExplainResult): string[] {
  const { outcome, reason, routes } = result;
  if (outcome === 'verified') {
    const allowed = routes.filter((r) => r.decision === 'allow').length;
    const lines = [`Verdict: VERIFIED: the authorizer returns a policy allowing ${allowed} of ${routes.length} routes`];
    if (routes.some((r) => r.reason === 'insufficient_scope')) {
      lines.push(`  fix for the denied routes: ${hintFor('insufficient_scope')}`);
    }
    const groupless = noGroupNote(result);
    if (groupless) lines.push(`  note: ${groupless}`);
    return lines;
  }
  const answer =
    outcome === 'unauthorized'
      ? `REFUSED (${reason}): the authorizer throws "Unauthorized", API Gateway answers 401`
      : outcome === 'unavailable'
        ? `UNDECIDED (${reason}): the key source is down; API Gateway answers 503 (AUTHORIZER_FAILURE): retry`
        : `ERROR (${reason}): the authorizer fails; API Gateway answers 503 (AUTHORIZER_FAILURE)`;
  return [`Verdict: ${answer}`, `  fix: ${result.hint}`, ...(result.detail ? [`  detail: ${result.detail}`] : [])];
}

// The rough edge of a user signed up outside /auth/signup: verified, in no group, so denied everywhere.
function noGroupNote({ permissions, selection, identity }: ExplainResult): string | undefined {
  if (permissions.length > 0 || selection.providerType !== 'cognito' || !identity) return undefined;
  if (identity.groups.length === 0) {
    return 'the user is in no group, and Cognito permissions come from groups (groupPermissions): add the user to one';
  }
  return `none of the groups ${identity.groups.join(', ')} grants a permission in groupPermissions`;
}

function formatIdentity({ identity, permissions }: ExplainResult): string[] {
  if (!identity) return [];
  const row = (name: string, value: string) => `  ${name.padEnd(12)} ${value}`;
  return [
    'Identity',
    row('sub', identity.sub),
    row('userId', identity.userId),
    ...(identity.clientId ? [row('clientId', identity.clientId)] : []),
    ...(identity.tokenUse ? [row('tokenUse', identity.tokenUse)] : []),
    ...(identity.groups.length > 0 ? [row('groups', identity.groups.join(' '))] : []),
    row('permissions', permissions.length > 0 ? permissions.join(' ') : '(none)'),
  ];
}

function formatRoutes({ routes, verified }: ExplainResult): string[] {
  const rows = routes.map((r) => [r.method, r.path, r.decision, r.missing.join(' ') || (verified ? '' : '(refused)')]);
  const table = [['METHOD', 'PATH', 'DECISION', 'MISSING'], ...rows];
  const widths = [0, 1, 2].map((i) => Math.max(...table.map((cells) => (cells[i] as string).length)));
  const lines = table.map((cells) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i] as number) : c)).join('  '));
  const unconfigured = routes.filter((r) => r.reason === 'route_not_configured');
  return [
    'Routes',
    ...lines.map((l) => `  ${l.trimEnd()}`),
    ...unconfigured.map((r) => `  ${r.method} ${r.path}: ${hintFor('route_not_configured')}`),
  ];
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
