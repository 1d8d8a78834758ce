// What the shared middlewares hand to each other and to the handler, kept on the Lambda context under `http`.
import type { Context } from 'aws-lambda';
import type { AuthIdentity } from '../auth-context';
import type { HttpEvent } from '../http/http-event';
import type { Logger } from '../logger';
import type middy from '@middy/core';
import type { APIGatewayProxyResult } from 'aws-lambda';

export interface RequestState {
  logger: Logger;
  auth?: AuthIdentity;
  body?: unknown;
  query?: unknown;
}

export type HttpContext = Context & { http: RequestState };
export type HttpMiddleware = middy.MiddlewareObj<HttpEvent, APIGatewayProxyResult, Error, HttpContext>;
export type HttpRequestObject = middy.Request<HttpEvent, APIGatewayProxyResult, Error, HttpContext>;

/** Rejects option keys a middleware does not know, so a typo never silently disables a check. */
export function checkOptions(name: string, options: object, known: readonly string[]): void {
  const unknown = Object.keys(options).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw new TypeError(`${name}: unknown option(s) ${unknown.join(', ')}`);
}
