// What handlers return, and its serialization to an API Gateway proxy result.
import type { APIGatewayProxyResult } from 'aws-lambda';

export interface HttpResponse {
  statusCode: number;
  /** Serialized as JSON; omitted for 204. */
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown): HttpResponse => ({ statusCode: 200, body });
export const created = (body: unknown, location?: string): HttpResponse => ({
  statusCode: 201,
  body,
  ...(location ? { headers: { Location: location } } : {}),
});
export const noContent = (): HttpResponse => ({ statusCode: 204 });

export function toProxyResult(response: HttpResponse): APIGatewayProxyResult {
  if (response.body === undefined)
    return { statusCode: response.statusCode, headers: { ...response.headers }, body: '' };
  return {
    statusCode: response.statusCode,
    headers: { 'Content-Type': 'application/json', ...response.headers },
    body: JSON.stringify(response.body),
  };
}
