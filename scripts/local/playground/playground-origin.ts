// The playground's origin: the local stage's primary CORS origin, read from the packaged template (one source of truth).

/*
 * serverless.yml's params.local.corsOrigins lists it first. The primary origin is the one every gateway response
 * (401, 403, ...) names in Access-Control-Allow-Origin, so only a page served from it can read those answers: the
 * playground must be that page, on exactly that port.
 */
export function playgroundOriginOf(template: { Resources?: unknown }): { origin: string; port: number } {
  type Resource = { Type?: unknown; Properties?: { Environment?: { Variables?: Record<string, unknown> } } };
  const resources = Object.values((template.Resources ?? {}) as Record<string, Resource>);
  const lists = resources
    .filter((r) => r.Type === 'AWS::Lambda::Function')
    .map((r) => r.Properties?.Environment?.Variables?.['CORS_ORIGINS'])
    .filter((v): v is string => typeof v === 'string');
  const primary = lists[0]?.split(',')[0]?.trim();
  const match = primary ? /^http:\/\/127\.0\.0\.1:(\d{1,5})$/.exec(primary) : null;
  if (!match)
    throw new Error(
      `params.local.corsOrigins (serverless.yml) must start with the playground's origin, http://127.0.0.1:<port>; it starts with ${primary ?? 'nothing'}`,
    );
  return { origin: primary as string, port: Number(match[1]) };
}
