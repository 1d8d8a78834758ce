// Error classes shared by the authorizer's contract and the services, each with a stable `code`.

/** The authorizer context reaching a handler is absent or not what the contract encodes: a misconfiguration. */
export class AuthContextError extends Error {
  readonly code = 'invalid_auth_context' as const;
  constructor(detail: string) {
    super(`authorizer context invalid: ${detail}`);
    this.name = 'AuthContextError';
  }
}

/** The identity does not fit the context size budget even without optional claims. */
export class AuthContextTooLargeError extends Error {
  readonly code = 'auth_context_too_large' as const;
  constructor(bytes: number, budget: number) {
    super(`authorizer context needs ${bytes} bytes, over the ${budget}-byte budget`);
    this.name = 'AuthContextTooLargeError';
  }
}
