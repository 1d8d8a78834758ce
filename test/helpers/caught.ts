// Runs a function expected to throw and returns what it threw, failing the test if it returned instead.

export function caught<E extends Error>(kind: abstract new (...args: never[]) => E, run: () => unknown): E {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(kind);
    return err as E;
  }
  throw new Error(`expected a ${kind.name}`);
}
