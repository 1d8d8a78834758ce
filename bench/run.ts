// `npm run bench`: ours against a node:crypto floor and the common jsonwebtoken+jwks-rsa pattern, warm, cached,
// cold start, bundle size and middleware overhead, all measured in one run and reported as ratios to the floor;
// then the cold-start cost of the list function's Secrets Manager read of the cursor secret.
import { execFile } from 'node:child_process';
import os from 'node:os';
import jwt from 'jsonwebtoken';
import path from 'node:path';
import { ok } from '../shared/http/responses';
import { withHttp } from '../shared/http/with-http';
import { createDecisionLog } from '../authorizer/decision-log';
import { createLogger } from '../shared/logger';
import { authorizedRoutes } from '../shared/route-manifest';
import { restEvent } from '../test/helpers/http-events';
import { startJwksServer } from '../test/helpers/jwks-server';
import { createRsaKey } from '../test/helpers/keys';
import { lambdaContext } from '../test/helpers/lambda-context';
import { signToken } from '../test/helpers/tokens';
import { bundleHandler } from './bundle';
import { createCommonAuthorizer } from './common-pattern';
import { createFloorAuthorizer } from './floor-authorizer';
import { measureInterleaved, median, stats, type CaseStats } from './measure';
import { measureSecretColdStart, printSecretColdStart } from './secret-cold-start';

const ARN = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/comments';
const AUDIENCE = 'api://bench';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 21);
type Handler = (event: {
  type: 'TOKEN';
  authorizationToken: string;
  methodArn: string;
}) => Promise<{ principalId: string }>;

async function main(): Promise<void> {
  const key = createRsaKey('bench-key');
  const server = await startJwksServer([key.jwk]);
  try {
    const now = Math.floor(Date.now() / 1000);
    const claims = (i: number) => ({
      iss: server.issuer,
      aud: AUDIENCE,
      sub: `user-${i}`,
      scope: 'comments:read comments:write',
      iat: now,
      exp: now + 3600,
    });
    const tokens = Array.from({ length: 1000 }, (_, i) => signToken(key, claims(i)));
    const good = tokens[0] as string;
    const tampered = `${good.slice(0, -4)}${good.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const authConfig = JSON.stringify({
      providers: [
        { name: 'bench', type: 'oidc', issuer: server.issuer, audiences: [AUDIENCE], jwksUri: server.jwksUri },
      ],
      routes: authorizedRoutes(),
    });

    const logLine = createDecisionLog({
      logger: createLogger({ sink: () => undefined }),
      now: Date.now,
      namespace: 'Bench',
    });
    const sampleDecision = {
      outcome: 'allow' as const,
      reason: 'ok' as const,
      provider: 'bench',
      kid: 'bench-key',
      principalId: 'user-0',
      latencyMs: 1.5,
    };
    const jwtOptions = { algorithms: ['RS256' as const], issuer: server.issuer, audience: AUDIENCE };
    const floor = createFloorAuthorizer({ issuer: server.issuer, audience: AUDIENCE, jwks: { keys: [key.jwk] } });
    const common = createCommonAuthorizer({ issuer: server.issuer, audience: AUDIENCE, jwksUri: server.jwksUri });
    const bundled = await bundleHandler(path.join(__dirname, '..', 'authorizer', 'handler.ts'), 'authorizer');
    const floorBundle = await bundleHandler(path.join(__dirname, 'floor-handler.ts'), 'floor');
    // "warm" must pay for verification on every call, so its copy runs with the verified-token cache off.
    const oursUncached = await loadOurs(bundled.file, JSON.stringify({ ...JSON.parse(authConfig), tokenCacheSize: 0 }));
    const ours = await loadOurs(bundled.file, authConfig);
    const event = (token: string) => ({
      type: 'TOKEN' as const,
      authorizationToken: `Bearer ${token}`,
      methodArn: ARN,
    });

    const cases = {
      floor: (t: string) => floor(`Bearer ${t}`, ARN),
      common: (t: string) => common(`Bearer ${t}`, ARN),
      ours: (t: string) => ours(event(t)),
      oursUncached: (t: string) => oursUncached(event(t)),
    };
    for (const [name, run] of Object.entries(cases)) await validate(name, run, good, tampered);

    const warm = await measureInterleaved(
      [
        { name: 'floor (node:crypto)', ops: 1000, run: (i) => cases.floor(tokens[i % 1000] as string) },
        { name: 'common pattern (PEM per call)', ops: 1000, run: (i) => cases.common(tokens[i % 1000] as string) },
        // What any jsonwebtoken-based authorizer pays at least: one jwt.verify with a cached KeyObject, nothing else.
        {
          name: 'jsonwebtoken.verify alone',
          ops: 1000,
          run: (i) => jwt.verify(tokens[i % 1000] as string, key.publicKey, jwtOptions),
        },
        {
          name: 'ours, warm (1000 distinct tokens)',
          ops: 1000,
          run: (i) => cases.oursUncached(tokens[i % 1000] as string),
        },
        { name: 'ours, cached (same token)', ops: 20000, run: () => cases.ours(good) },
        // Paid on top of either "ours" row in production (LOG_LEVEL=info): the decision line with its EMF block.
        { name: 'decision log line (JSON + EMF)', ops: 20000, run: () => logLine(sampleDecision) },
      ],
      ROUNDS,
      2,
    );
    printTable('Warm path, µs per authorization', warm);

    const cold = await coldStarts(bundled.file, floorBundle.file, authConfig, server, good);
    const middleware = await middlewareOverhead();
    printSummary(warm, cold, bundled.bytes, floorBundle.bytes, middleware);
    // Not the authorizer: what the list function's Secrets Manager read adds to its cold start (finding 6).
    printSecretColdStart(await measureSecretColdStart(COLD_RUNS), COLD_RUNS);
    printSecretColdStart(
      await measureSecretColdStart(COLD_RUNS, true),
      COLD_RUNS,
      'after the DynamoDB client (what the list function adds)',
    );
  } finally {
    await server.close();
  }
}

async function loadOurs(file: string, authConfig: string): Promise<Handler> {
  process.env.AUTH_CONFIG = authConfig;
  // The bench's JWKS server is http://127.0.0.1, which the authorizer refuses without the explicit local opt-in.
  process.env.AUTH_ALLOW_INSECURE_LOOPBACK = 'true';
  // Decision lines would go to the terminal; the floor logs nothing either. Their cost is part of "ours" on AWS.
  process.env.LOG_LEVEL = 'warn';
  // A fresh module instance per configuration, as a new Lambda would load it.
  delete require.cache[require.resolve(file)];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the built bundle, as Lambda does
  const mod = require(file) as { handler: Handler; whenWarm: () => Promise<void> };
  await mod.whenWarm();
  return mod.handler;
}

async function validate(name: string, run: (t: string) => unknown, good: string, tampered: string): Promise<void> {
  const allowed = (await run(good)) as { principalId?: string };
  if (allowed.principalId !== 'user-0') throw new Error(`${name} did not accept a good token`);
  const refused = await Promise.resolve()
    .then(() => run(tampered))
    .then(
      () => false,
      (err: Error) => err.message === 'Unauthorized' || err.name === 'JsonWebTokenError',
    );
  if (!refused) throw new Error(`${name} did not reject a tampered token`);
}

interface ColdResult {
  ours: CaseStats;
  floor: CaseStats;
}

async function coldStarts(
  oursFile: string,
  floorFile: string,
  authConfig: string,
  server: { issuer: string; jwksUri: string },
  token: string,
): Promise<ColdResult> {
  const probe = (file: string) =>
    `const m=require(${JSON.stringify(file)});Promise.resolve(m.handler({type:'TOKEN',authorizationToken:${JSON.stringify(`Bearer ${token}`)},methodArn:${JSON.stringify(ARN)}})).then(r=>{if(!r.principalId)process.exit(2);process.stderr.write('T'+performance.now()+'\\n')},()=>process.exit(3))`;
  const env = {
    ...process.env,
    AUTH_CONFIG: authConfig,
    AUTH_ALLOW_INSECURE_LOOPBACK: 'true',
    LOG_LEVEL: 'warn',
    FLOOR_CONFIG: JSON.stringify({ issuer: server.issuer, audience: AUDIENCE, jwksUri: server.jwksUri }),
  };
  const run = (file: string) =>
    new Promise<number>((resolve, reject) =>
      execFile(process.execPath, ['-e', probe(file)], { env }, (err, _out, errText) => {
        const match = /T([\d.]+)/.exec(errText);
        if (err || !match) reject(new Error(`cold start probe failed: ${err?.message ?? errText}`));
        else resolve(Number(match[1]));
      }),
    );
  const oursTimes: number[] = [];
  const floorTimes: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    // Alternate, so machine noise lands on both alike.
    oursTimes.push(await run(oursFile));
    floorTimes.push(await run(floorFile));
  }
  return { ours: stats('ours, cold start', oursTimes), floor: stats('floor, cold start', floorTimes) };
}

async function middlewareOverhead(): Promise<{ bare: CaseStats; wrapped: CaseStats }> {
  const logger = createLogger({ level: 'error' });
  const settings = { cors: { origins: ['https://app.example.com'], credentials: false }, maxBodyBytes: 16_384 };
  const wrapped = withHttp({ operation: 'bench.me', route: 'GET /me', settings, logger }, async ({ auth }) =>
    ok({ principalId: auth.principalId }),
  );
  const bare = async (e: ReturnType<typeof restEvent>) => ({
    statusCode: 200,
    body: JSON.stringify({ principalId: e.requestContext.authorizer?.principalId }),
  });
  const event = restEvent();
  const context = lambdaContext();
  const [b, w] = await measureInterleaved(
    [
      { name: 'bare handler', ops: 20000, run: () => bare(event) },
      { name: 'withHttp handler', ops: 20000, run: () => wrapped(restEvent(), context) },
    ],
    ROUNDS,
    2,
  );
  return { bare: b as CaseStats, wrapped: w as CaseStats };
}

const fmt = (n: number) => n.toFixed(n < 10 ? 2 : 1).padStart(8);

function printTable(title: string, rows: CaseStats[]): void {
  const floor = rows[0]?.median ?? NaN;
  console.log(`\n${title} (median of ${ROUNDS} interleaved rounds after 2 warm-up rounds)`);
  console.log(
    `${'case'.padEnd(36)} ${'median'.padStart(8)} ${'best'.padStart(8)} ${'worst'.padStart(8)}   ratio to floor`,
  );
  for (const r of rows)
    console.log(
      `${r.name.padEnd(36)} ${fmt(r.median)} ${fmt(r.best)} ${fmt(r.worst)}   ${(r.median / floor).toFixed(2)}×`,
    );
}

function printSummary(
  warm: CaseStats[],
  cold: ColdResult,
  bytes: number,
  floorBytes: number,
  mw: { bare: CaseStats; wrapped: CaseStats },
): void {
  const floor = warm[0]?.median ?? NaN;
  const ratio = (name: string) => (warm.find((w) => w.name.startsWith(name))?.median ?? NaN) / floor;
  console.log(
    `\nCold start: load the bundle, fetch the JWKS from 127.0.0.1, first authorization (ms since process start, ${COLD_RUNS} alternating runs)`,
  );
  console.log(
    `${'floor'.padEnd(12)} median ${cold.floor.median.toFixed(1)}  best ${cold.floor.best.toFixed(1)}  worst ${cold.floor.worst.toFixed(1)}  bundle ${(floorBytes / 1024).toFixed(1)} KB`,
  );
  console.log(
    `${'ours'.padEnd(12)} median ${cold.ours.median.toFixed(1)}  best ${cold.ours.best.toFixed(1)}  worst ${cold.ours.worst.toFixed(1)}  bundle ${(bytes / 1024).toFixed(1)} KB`,
  );
  console.log(
    `\nMiddleware: bare ${mw.bare.median.toFixed(2)} µs, withHttp ${mw.wrapped.median.toFixed(2)} µs, overhead ${(mw.wrapped.median - mw.bare.median).toFixed(2)} µs per request`,
  );
  const target = (label: string, value: number, limit: number, unit = '×') =>
    console.log(
      `${label.padEnd(24)} ${value.toFixed(2)}${unit}  target ≤ ${limit}${unit}  ${value <= limit ? 'met' : 'MISSED'}`,
    );
  console.log(`\nTargets (${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version})`);
  target('ours, warm', ratio('ours, warm'), 1.2);
  target('ours, cached', ratio('ours, cached'), 0.15);
  target('cold start', median([cold.ours.median]) / cold.floor.median, 1.15);
  target('bundle', bytes / 1024, 180, ' KB');
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
