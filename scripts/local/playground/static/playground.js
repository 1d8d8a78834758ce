// The playground page's wiring: configuration from its server, the token forms, explain, and the route calls.
/* global fetch, document, location */
import { callRoute, renderCall } from './call-view.js';
import { byId, el, jsonBlock, show } from './dom.js';
import { renderExplain, renderRoutes } from './routes-view.js';
import { decodeJwt, describeTime } from './token-view.js';

// Tokens live in this module only: never in storage, never in the URL.
const state = { config: undefined, tokens: {}, which: 'access' };
const currentToken = () => state.tokens[state.which] ?? state.tokens.access;

async function start() {
  const config = await serverCall('GET', '/api/config');
  state.config = config;
  byId('api-url').textContent = config.apiUrl;
  byId('profile').textContent = config.profile;
  byId('page-origin').textContent = location.origin;
  show(
    byId('signin-user'),
    config.demoUsers.map((u) => el('option', { value: u.email }, `${u.email} (group ${u.group})`)),
  );
  if (config.canMint) {
    byId('mint-form').hidden = false;
    byId('mint-scope').value = config.scopes.join(' ');
  }
  renderRoutes(byId('routes-body'), config.routes, onCall);
  byId('signin-form').addEventListener('submit', (event) => submit(event, signIn));
  byId('mint-form').addEventListener('submit', (event) => submit(event, mint));
  byId('paste-form').addEventListener('submit', (event) => submit(event, paste));
  for (const radio of document.querySelectorAll('input[name="which"]'))
    radio.addEventListener('change', () => {
      state.which = radio.value;
      forgetCalls();
      void refresh();
    });
  document.body.dataset.ready = 'true';
}

async function submit(event, action) {
  event.preventDefault();
  try {
    await action();
  } catch (err) {
    status(`${err.message}`);
  }
}

async function signIn() {
  const user = state.config.demoUsers.find((u) => u.email === byId('signin-user').value);
  status(`Signing in as ${user.email}…`);
  const answer = await callRoute(state.config.apiUrl, {
    method: 'POST',
    path: '/auth/signin',
    body: { email: user.email, password: user.password },
  });
  if (answer.failure || answer.status !== 200)
    throw new Error(`sign-in failed: ${answer.failure ?? `HTTP ${answer.status} ${JSON.stringify(answer.body)}`}`);
  await useTokens({ access: answer.body.accessToken, id: answer.body.idToken }, `Signed in as ${user.email}.`);
}

async function mint() {
  status('Minting a token…');
  const { accessToken } = await serverCall('POST', '/api/mint', { scope: byId('mint-scope').value });
  await useTokens({ access: accessToken }, 'Minted a client-credentials token.');
}

async function paste() {
  const token = byId('paste-token')
    .value.trim()
    .replace(/^Bearer\s+/i, '');
  if (!token) throw new Error('Paste a token first.');
  await useTokens({ access: token }, 'Using the pasted token.');
}

async function useTokens(tokens, message) {
  state.tokens = tokens;
  forgetCalls();
  state.which = 'access';
  byId('token-choice').hidden = !tokens.id;
  for (const radio of document.querySelectorAll('input[name="which"]')) radio.checked = radio.value === 'access';
  await refresh();
  status(`${message} The routes below now use it.`);
}

async function refresh() {
  const token = currentToken();
  renderDecoded(token);
  let result;
  try {
    result = await serverCall('POST', '/api/explain', { token });
  } catch (err) {
    result = { error: true, message: err.message };
  }
  renderExplain(byId('explain-summary'), byId('routes-body'), result);
}

function renderDecoded(token) {
  const decoded = decodeJwt(token);
  if (decoded.error) return show(byId('token-decoded'), el('p', {}, decoded.error));
  const times = ['exp', 'iat', 'nbf']
    .map((claim) => [claim, describeTime(decoded.claims[claim])])
    .filter(([, described]) => described);
  show(
    byId('token-decoded'),
    el('h4', {}, 'Header'),
    jsonBlock(decoded.header, 'token header'),
    el('h4', {}, 'Claims'),
    jsonBlock(decoded.claims, 'token claims'),
    el(
      'dl',
      { class: 'facts' },
      times.flatMap(([claim, described]) => [el('dt', {}, claim), el('dd', {}, described)]),
    ),
  );
}

async function onCall(route, statusCell) {
  const label = `${route.method} ${route.path}`;
  const id = byId('comment-id').value.trim();
  if (route.path.includes('{id}') && !id) {
    byId('comment-id').focus();
    return status('Enter a comment id first (a POST /comments fills it in).');
  }
  const answer = await callRoute(state.config.apiUrl, {
    method: route.method,
    path: route.path.replace('{id}', encodeURIComponent(id)),
    token: currentToken(),
    ...(route.method === 'POST' ? { body: { text: byId('comment-text').value } } : {}),
  });
  statusCell.textContent = answer.failure ? 'fetch rejected' : String(answer.status);
  if (label === 'POST /comments' && answer.status === 201 && answer.body?.id) byId('comment-id').value = answer.body.id;
  renderCall(byId('call-result'), label, answer);
}

/** A call to the playground's own server; its errors come back as `{ error, message }`. */
async function serverCall(method, path, body) {
  const response = await fetch(path, {
    method,
    ...(body ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(json.message ?? `HTTP ${response.status}`);
  return json;
}

// The statuses shown were for the previous token: a new one starts with a clean table.
function forgetCalls() {
  for (const cell of document.querySelectorAll('td.last-status')) cell.textContent = '–';
  show(byId('call-result'), el('p', { class: 'muted' }, 'Call a route to see its status, headers and body.'));
}

function status(message) {
  byId('token-status').textContent = message;
}

start().catch((err) => {
  show(document.querySelector('main'), el('p', { role: 'alert' }, `The playground could not start: ${err.message}`));
});
