// Invokes a function through serverless-offline's Lambda Invoke API: the local stand-in for Lambda itself.
import http from 'node:http';

/** What an invocation came to: the handler's result, its failure (thrown or rejected), or no answer in time. */
export type Invocation =
  { kind: 'ok'; payload: unknown } | { kind: 'error'; errorMessage: string; errorType: string } | { kind: 'timeout' };

export interface LambdaClient {
  /** `functionName` is the deployed name (FunctionName in the template, e.g. comments-api-local-me). */
  invoke(functionName: string, event: unknown, timeoutMs: number): Promise<Invocation>;
  close(): void;
}

/**
 * POST /2015-03-31/functions/{name}/invocations (RequestResponse). serverless-offline answers a function error
 * with status 200, `X-Amz-Function-Error: Unhandled` and `{ errorMessage, errorType }`, as Lambda does.
 */
export function createLambdaClient(lambdaPort: number): LambdaClient {
  // No keep-alive: a reused idle socket that the runtime's server is closing at that instant fails the call
  // (ECONNRESET, a spurious 502). A fresh loopback connection per invocation costs about 0.1 ms.
  const agent = new http.Agent({ keepAlive: false, maxSockets: 64 });

  function invoke(functionName: string, event: unknown, timeoutMs: number): Promise<Invocation> {
    const body = JSON.stringify(event);
    return new Promise((resolve) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port: lambdaPort,
          method: 'POST',
          path: `/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          agent,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve(toInvocation(response, Buffer.concat(chunks).toString('utf8'))));
          response.on('error', (err) => resolve(failed('Lambda.ResponseError', err.message)));
        },
      );
      // The integration's deadline: past it API Gateway stops waiting (504 for a backend, 500 for an authorizer).
      request.setTimeout(timeoutMs, () => {
        request.destroy();
        resolve({ kind: 'timeout' });
      });
      request.on('error', (err) => resolve(failed('Lambda.ServiceException', err.message)));
      request.end(body);
    });
  }

  return { invoke, close: () => agent.destroy() };
}

function toInvocation(response: http.IncomingMessage, text: string): Invocation {
  const payload = parseJson(text);
  if (response.headers['x-amz-function-error']) {
    const error = (payload ?? {}) as { errorMessage?: unknown; errorType?: unknown };
    return failed(String(error.errorType ?? 'Error'), String(error.errorMessage ?? ''));
  }
  // A 404 (no such function) or any other non-200 is the runtime's failure, not the function's result.
  if (response.statusCode !== 200) return failed('Lambda.ServiceException', `invoke answered ${response.statusCode}`);
  return { kind: 'ok', payload };
}

function failed(errorType: string, errorMessage: string): Invocation {
  return { kind: 'error', errorType, errorMessage };
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
