// What the one Middy chain (withHttp) adds to a handler, per request, beside a bare handler.
import { ok } from '../shared/http/responses';
import { withHttp } from '../shared/http/with-http';
import { createLogger } from '../shared/logger';
import { restEvent } from '../test/helpers/http-events';
import { lambdaContext } from '../test/helpers/lambda-context';
import { measureInterleaved } from './measure';
import { WARMUP_ROUNDS } from './report';

export async function measureMiddleware(rounds: number): Promise<void> {
  const logger = createLogger({ level: 'error' });
  const settings = { cors: { origins: ['https://app.example.com'], credentials: false }, maxBodyBytes: 16_384 };
  const wrapped = withHttp({ operation: 'bench.me', route: 'GET /me', settings, logger }, async ({ auth }) =>
    ok({ principalId: auth.principalId }),
  );
  const bare = async (e: ReturnType<typeof restEvent>) => ({
    statusCode: 200,
    body: JSON.stringify({ principalId: e.requestContext.authorizer?.principalId }),
  });
  const context = lambdaContext();
  const [b, w] = await measureInterleaved(
    [
      // Both build a fresh event per call (withHttp's chain may change the one it gets): the difference is the chain.
      { name: 'bare handler', ops: 20000, run: () => bare(restEvent()) },
      { name: 'withHttp handler', ops: 20000, run: () => wrapped(restEvent(), context) },
    ],
    rounds,
    WARMUP_ROUNDS,
  );
  const bareMedian = b?.median ?? NaN;
  const wrappedMedian = w?.median ?? NaN;
  console.log(
    `\nMiddleware: bare ${bareMedian.toFixed(2)} µs, withHttp ${wrappedMedian.toFixed(2)} µs, overhead ${(wrappedMedian - bareMedian).toFixed(2)} µs per request`,
  );
}
