// The cold-start baseline: a handler that answers at once, so node's own start-up is visible beside the others.
export async function handler() {
  return { principalId: 'user-0' };
}
