// Stands in for `debug` inside jwks-rsa in the bundle: its loggers, always off (no tty or DEBUG parsing at load).
'use strict';

/**
 * jwks-rsa calls `require('debug')('jwks')` at load and logs cache and rate-limit events through it, only when
 * DEBUG names "jwks". The authorizer turns both off (KeyStore caches) and logs through shared/logger.ts, so these
 * loggers are never enabled here. CommonJS, because jwks-rsa calls the module itself. Wired in by
 * authorizer/bundle-aliases.json.
 */
function createDebug(namespace) {
  const log = () => {};
  log.namespace = namespace;
  log.enabled = false;
  log.extend = (suffix, delimiter = ':') => createDebug(`${namespace}${delimiter}${suffix}`);
  return log;
}
createDebug.enabled = () => false;
createDebug.enable = () => {};
createDebug.disable = () => '';

module.exports = createDebug;
