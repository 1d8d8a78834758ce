// Calls one route of the API from this page (a real cross-origin fetch) and shows what the page was allowed to see.
/* global fetch, location */
import { el, jsonBlock, show } from './dom.js';

/**
 * `{ status, headers, body }` as the page receives them, or `{ failure }` when fetch rejects: a response the browser
 * would not hand over (its CORS check failed) and an unreachable API both reject, with no detail, by design.
 */
export async function callRoute(apiUrl, request) {
  const headers = {};
  if (request.token) headers.Authorization = `Bearer ${request.token}`;
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  const init = { method: request.method, headers };
  if (request.body !== undefined) init.body = JSON.stringify(request.body);
  try {
    const response = await fetch(`${apiUrl}${request.path}`, init);
    const text = await response.text();
    return { status: response.status, headers: [...response.headers], body: parseBody(text) };
  } catch (err) {
    return { failure: `${err.name}: ${err.message}` };
  }
}

function parseBody(text) {
  if (text === '') return '(empty body)';
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Renders one call's outcome into the (aria-live) result container and moves focus there. */
export function renderCall(container, label, outcome) {
  if (outcome.failure) {
    show(
      container,
      el('h3', {}, label),
      el('p', { class: 'status status-failed', 'data-status': 'failed' }, 'fetch rejected: ', outcome.failure),
      el(
        'p',
        {},
        'The browser did not let this page read the response: either the API refused this origin (no matching ',
        el('code', {}, 'Access-Control-Allow-Origin'),
        ') or it could not be reached. The browser console and network panel say which.',
      ),
    );
  } else {
    show(
      container,
      el('h3', {}, label),
      el(
        'p',
        { class: `status status-${Math.floor(outcome.status / 100)}xx`, 'data-status': outcome.status },
        `HTTP ${outcome.status}`,
      ),
      el('h4', {}, 'Headers this page can read'),
      headerList(outcome.headers),
      el('p', { class: 'hint' }, VISIBILITY_NOTE),
      el('h4', {}, 'Body'),
      jsonBlock(outcome.body, `${label} response body`),
    );
  }
  container.focus();
}

const VISIBILITY_NOTE =
  'A page sees only the CORS-safelisted response headers (Cache-Control, Content-Language, Content-Length, ' +
  'Content-Type, Expires, Last-Modified, Pragma) and those named in Access-Control-Expose-Headers: the gateway ' +
  'responses (401, 403, 503, …) expose WWW-Authenticate, Retry-After and x-amzn-RequestId; the functions expose ' +
  `none. Access-Control-Allow-Origin itself stays hidden from scripts (see it in the browser's network panel or ` +
  `with curl -i): that this page could read the response at all means it named ${location.origin}.`;

function headerList(headers) {
  if (headers.length === 0) return el('p', {}, '(none)');
  return el(
    'dl',
    { class: 'headers' },
    headers.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]),
  );
}
