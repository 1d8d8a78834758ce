// Turns the authorizer's JSON decision lines (from the Lambda runtime's output) into one readable line each.

/** The fields `npm start` shows by default; VERBOSE=1 prints every line as it is. Never the token: it is never logged. */
export function formatDecisionLine(line: string): string | undefined {
  const start = line.indexOf('{');
  if (start === -1 || !line.includes('"authorizer decision"')) return undefined;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line.slice(start)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (entry['message'] !== 'authorizer decision') return undefined;
  const field = (name: string) =>
    typeof entry[name] === 'string' || typeof entry[name] === 'number' ? String(entry[name]) : undefined;
  const parts = [
    `authorizer: ${field('outcome') ?? '?'} (${field('reason') ?? '?'})`,
    field('principalId') !== undefined ? `principal=${field('principalId')}` : undefined,
    field('provider') !== undefined ? `provider=${field('provider')}` : undefined,
    field('kid') !== undefined ? `kid=${field('kid')}` : undefined,
    field('latencyMs') !== undefined ? `${field('latencyMs')} ms` : undefined,
  ];
  return parts.filter((p) => p !== undefined).join(' ');
}
