// The routes table (explain decision and a call button per route) and the explain summary above it.
import { el, show } from './dom.js';

const keyOf = (route) => `${route.method} ${route.path}`;

/** One row per route; `onCall(route, statusCell)` runs when its button is pressed. */
export function renderRoutes(tbody, routes, onCall) {
  show(
    tbody,
    routes.map((route) => {
      const statusCell = el('td', { class: 'last-status', 'data-route': keyOf(route) }, '–');
      const button = el('button', { type: 'button', 'data-call': keyOf(route) }, `Call ${keyOf(route)}`);
      button.addEventListener('click', () => onCall(route, statusCell));
      return el(
        'tr',
        {},
        el('th', { scope: 'row' }, el('code', {}, keyOf(route))),
        el('td', {}, route.permissions.length ? route.permissions.join(', ') : 'any valid token'),
        el('td', { class: 'decision', 'data-route': keyOf(route) }, '–'),
        el('td', {}, button),
        statusCell,
      );
    }),
  );
}

/** Fills the summary and each row's decision from an explain result (or clears them when there is none). */
export function renderExplain(summary, tbody, result) {
  for (const cell of tbody.querySelectorAll('td.decision')) {
    const route = result?.routes?.find((r) => keyOf(r) === cell.dataset.route);
    if (!route) show(cell, '–');
    else if (route.decision === 'allow') show(cell, el('span', { class: 'badge allow' }, 'allow'));
    // A refused token never reaches a route's permissions: the gateway answers 401 before any policy.
    else if (!result.verified) show(cell, el('span', { class: 'badge deny' }, 'deny'), ' token refused (401)');
    else
      show(
        cell,
        el('span', { class: 'badge deny' }, 'deny'),
        route.missing?.length ? ` missing ${route.missing.join(', ')}` : '',
      );
  }
  if (!result) return show(summary, el('p', { class: 'muted' }, 'Get a token to see the decision.'));
  if (result.error)
    return show(summary, el('p', { class: 'status status-failed' }, `explain failed: ${result.message}`));
  const facts = [
    ['verified', result.verified ? 'yes' : 'no'],
    ['reason', result.reason ?? '–'],
    ['provider', result.provider ?? '–'],
    ['principalId', result.principalId ?? '–'],
    ['permissions', result.permissions?.length ? result.permissions.join(', ') : '(none)'],
  ];
  if (typeof result.hint === 'string') facts.push(['fix', result.hint]);
  show(
    summary,
    el(
      'p',
      { class: result.verified ? 'verdict ok' : 'verdict refused', 'data-verified': String(result.verified) },
      result.verified
        ? 'The authorizer accepts this token.'
        : 'The authorizer refuses this token (401 on every route).',
    ),
    el(
      'dl',
      { class: 'facts' },
      facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]),
    ),
  );
}
