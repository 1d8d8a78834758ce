// Middleware guarding JSON bodies before parsing: size limit (413), JSON content type (415), presence (400).
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';
import { headerOf } from '../http/http-event';
import { checkOptions, type HttpMiddleware, type HttpRequestObject } from './http-context';

export interface JsonBodyOptions {
  maxBytes: number;
}

const name = 'json-body-guard';
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;.*)?$/i;

/** Runs before @middy/http-json-body-parser, which then finds the content type under its lower-case name. */
export function jsonBodyGuard(options: JsonBodyOptions): HttpMiddleware {
  checkOptions(name, options, ['maxBytes']);

  const jsonBodyGuardBefore = (request: HttpRequestObject): void => {
    const { event } = request;
    const body = event.body;
    if (body !== undefined && body !== null && bodyBytes(body, event.isBase64Encoded) > options.maxBytes) {
      throw new PayloadTooLargeError(options.maxBytes);
    }
    const contentType = headerOf(event, 'content-type');
    if (!contentType || !JSON_TYPE.test(contentType)) {
      throw new UnsupportedMediaTypeError(
        contentType
          ? 'The request body must be application/json'
          : 'The Content-Type header is missing; send application/json',
      );
    }
    if (body === undefined || body === null || body === '')
      throw new BadRequestError('missing_body', 'A JSON body is required');
    event.headers = { ...event.headers, 'content-type': contentType };
  };

  return { name, before: jsonBodyGuardBefore };
}

// Decoded size, without decoding: base64 carries 3 bytes per 4 characters.
function bodyBytes(body: string, base64: boolean | undefined): number {
  return base64 ? Math.floor((body.length * 3) / 4) : Buffer.byteLength(body, 'utf8');
}
