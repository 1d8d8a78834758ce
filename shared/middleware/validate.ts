// Middleware: validates the parsed body and the query string with zod; 400 with field-level messages.
import type { z } from 'zod';
import { BadRequestError } from '../errors';
import { checkOptions, type HttpMiddleware, type HttpRequestObject } from './http-context';

export interface ValidateOptions {
  body?: z.ZodType;
  query?: z.ZodType;
}

const name = 'validate';

export function validate(options: ValidateOptions): HttpMiddleware {
  checkOptions(name, options, ['body', 'query']);

  const validateBefore = (request: HttpRequestObject): void => {
    const { event, context } = request;
    if (options.body)
      context.http.body = check(options.body, event.body, 'invalid_body', 'The request body is invalid');
    const query = event.queryStringParameters ?? {};
    context.http.query = options.query
      ? check(options.query, query, 'invalid_query', 'The query string is invalid')
      : query;
  };

  return { name, before: validateBefore };
}

function check(schema: z.ZodType, value: unknown, code: string, message: string): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  throw new BadRequestError(code, message, details);
}
