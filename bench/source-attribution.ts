// Maps positions in the shipped, minified handler.js back to its sources through the source map packed beside it.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

export interface SourceSpot {
  /** Repository-relative source, e.g. authorizer/decision-log.ts or node_modules/jws/lib/verify-stream.js. */
  file: string;
  /** 1-based line in that source. */
  line: number;
  /** The source line's text, trimmed (enough to recognize the function). */
  text: string;
}

export interface ArtifactSources {
  /** The source spot of a 0-based line and column of the bundle. */
  at(line: number, column: number): SourceSpot;
  /** The source spot of a character offset into the bundle (precise coverage reports offsets). */
  atOffset(offset: number): SourceSpot;
}

export function loadArtifactSources(bundleFile: string): ArtifactSources {
  const payload = JSON.parse(readFileSync(`${bundleFile}.map`, 'utf8')) as {
    sources: string[];
    sourcesContent?: string[];
  };
  const map = new SourceMap(payload as never);
  const lines = new Map<string, string[]>();
  payload.sources.forEach((s, i) => lines.set(s, (payload.sourcesContent?.[i] ?? '').split('\n')));
  const code = readFileSync(bundleFile, 'utf8');
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const memo = new Map<string, SourceSpot>();

  function at(line: number, column: number): SourceSpot {
    const key = `${line}:${column}`;
    const known = memo.get(key);
    if (known) return known;
    const entry = map.findEntry(line, column) as { originalSource?: string; originalLine?: number };
    const source = entry.originalSource ?? '(unmapped)';
    const originalLine = entry.originalLine ?? 0;
    const spot = {
      file: source.replace(/^(\.\.\/)+/, ''),
      line: originalLine + 1,
      text: (lines.get(source)?.[originalLine] ?? '').trim().slice(0, 70),
    };
    memo.set(key, spot);
    return spot;
  }

  function atOffset(offset: number): SourceSpot {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return at(lo, offset - (lineStarts[lo] as number));
  }

  return { at, atOffset };
}

/** The area of the product a source belongs to, for the profile's summary. */
export function areaOf(file: string): string {
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
  if (pkg) return ['jsonwebtoken', 'jws', 'jwa'].includes(pkg) ? 'jsonwebtoken (jws, jwa)' : pkg;
  const areas: Array<[RegExp, string]> = [
    [/^shared\/(logger|emf)\.ts$|^authorizer\/decision-log\.ts$/, 'decision line (decision-log, logger, emf)'],
    [/^authorizer\/jwt\//, 'jwt decode (authorizer/jwt)'],
    [/^authorizer\/policy\/|^authorizer\/decide\.ts$/, 'policy and decision (authorizer/policy, decide)'],
    [/^shared\/auth-context\.ts$|^authorizer\/(build-identity|token-entry)\.ts$/, 'identity and context'],
    [/^authorizer\/verified-token-cache\.ts$/, 'verified-token cache'],
    [/^authorizer\/(verifiers|keys)\//, 'verifiers and keys'],
  ];
  return (
    areas.find(([pattern]) => pattern.test(file))?.[1] ?? (file.startsWith('authorizer/') ? 'authorizer flow' : file)
  );
}
