// Per-worker environment: what the service handlers read at module load, pointed at the shared dynalite.
process.env.TABLE_NAME ??= 'comments-module-scope';
process.env.CURSOR_SECRET ??= 'module-scope-cursor-secret-for-tests-0001';
process.env.AWS_REGION ??= 'eu-west-1';
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
// The SDK honours this variable, as the handlers do under serverless-offline.
if (process.env.DYNAMODB_TEST_ENDPOINT) process.env.AWS_ENDPOINT_URL_DYNAMODB = process.env.DYNAMODB_TEST_ENDPOINT;
// Handlers built with default deps log to stdout; keep test output to failures (tests that read logs inject a logger).
process.env.LOG_LEVEL ??= 'error';
// The auth handlers build their deps at module load too; these only have to be well-formed (no call is made).
process.env.USER_POOL_ID ??= 'eu-west-1_ModuleScope1';
process.env.USER_POOL_CLIENT_ID ??= 'modulescopeclient1';
// The JWKS, discovery and identity-provider servers of the tests listen on http://127.0.0.1: opt in, as the
// local stack does. Tests of the fail-closed default pass their own environment or delete this variable.
process.env.AUTH_ALLOW_INSECURE_LOOPBACK ??= 'true';
