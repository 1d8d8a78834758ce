// Requests an access token with the OAuth 2.0 client credentials grant (RFC 6749 §4.4) from a token endpoint.
import { CodedError } from '../../shared/coded-error';

export interface ClientCredentialsRequest {
  clientId: string;
  clientSecret: string;
  /** Space-delimited scopes (RFC 6749 §3.3); omitted = the provider's default. */
  scope?: string;
  /** Resource indicator (RFC 8707): the API the token is for, which becomes its `aud`. */
  resource?: string;
  /** RFC 6749 §2.3.1: servers must support HTTP Basic; the body form is the alternative. Default basic. */
  authMethod?: 'client_secret_basic' | 'client_secret_post';
}

export interface ClientCredentialsDeps {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The token endpoint refused or failed; `status` and the OAuth `error` code, never the secret. */
export class TokenRequestError extends CodedError<'token_request_failed'> {
  static override readonly name: string = 'TokenRequestError';
  readonly code = 'token_request_failed';
  constructor(
    message: string,
    readonly status?: number,
    readonly oauthError?: string,
  ) {
    super(message);
  }
}

export async function fetchClientCredentialsToken(
  tokenEndpoint: string,
  request: ClientCredentialsRequest,
  deps: ClientCredentialsDeps = {},
): Promise<string> {
  const { body, headers } = buildRequest(request);
  let response: Response;
  try {
    response = await (deps.fetch ?? fetch)(tokenEndpoint, {
      method: 'POST',
      headers,
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    throw new TokenRequestError(`token endpoint ${tokenEndpoint} is unreachable (${cause})`);
  }
  const payload = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!response.ok) {
    const error = typeof payload?.error === 'string' ? payload.error : undefined;
    const description = typeof payload?.error_description === 'string' ? `: ${payload.error_description}` : '';
    // A server could echo the request; scrub the secret so it can never reach a log or a terminal.
    const message = `token request to ${tokenEndpoint} failed: HTTP ${response.status} ${error ?? 'without an OAuth error'}${description}`;
    throw new TokenRequestError(redact(message, request.clientSecret), response.status, error);
  }
  if (typeof payload?.access_token !== 'string' || payload.access_token === '') {
    throw new TokenRequestError(
      `token endpoint ${tokenEndpoint} answered ${response.status} without an access_token`,
      response.status,
    );
  }
  return payload.access_token;
}

function buildRequest(request: ClientCredentialsRequest): { body: URLSearchParams; headers: Record<string, string> } {
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (request.scope !== undefined) body.set('scope', request.scope);
  if (request.resource !== undefined) body.set('resource', request.resource);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (request.authMethod === 'client_secret_post') {
    body.set('client_id', request.clientId);
    body.set('client_secret', request.clientSecret);
  } else {
    // RFC 6749 §2.3.1: id and secret are form-urlencoded before being joined and base64-encoded.
    const credentials = `${formEncode(request.clientId)}:${formEncode(request.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  return { body, headers };
}

function redact(text: string, secret: string): string {
  return secret === '' ? text : text.split(secret).join('[redacted]');
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}
