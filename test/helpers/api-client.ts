// A tiny HTTP client for end-to-end tests against the local stack: JSON in, status/headers/JSON out.
export interface ApiResponse {
  status: number;
  headers: Headers;
  json: unknown;
}

export interface ApiCall {
  token?: string;
  body?: unknown;
  origin?: string;
  rawAuthorization?: string;
}

export function apiClient(baseUrl: string) {
  return async (method: string, path: string, call: ApiCall = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = {};
    if (call.token) headers.Authorization = `Bearer ${call.token}`;
    if (call.rawAuthorization !== undefined) headers.Authorization = call.rawAuthorization;
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    if (call.origin) headers.Origin = call.origin;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: response.status, headers: response.headers, json };
  };
}

export function jwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
