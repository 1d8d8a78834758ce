// Cold starts in fresh node processes, subjects alternating run by run: load the module, first authorization.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { stats, type CaseStats } from './measure';

const SILENT_STDOUT = path.join(__dirname, 'silent-stdout.cjs');

export interface ColdSubject {
  name: string;
  file: string;
  exportName: string;
  /** The child's whole environment (a Lambda function's: its variables, NODE_OPTIONS included). */
  env: NodeJS.ProcessEnv;
}

export interface ColdStats {
  name: string;
  /** ms from process start to the first authorization's answer. */
  total: CaseStats;
  /** ms from process start to the end of the module's synchronous load (init before any await). */
  loaded: CaseStats;
}

/**
 * `runs` rounds, each running every subject once in turn, so machine noise lands on all alike. The child writes
 * the timings to stderr: its stdout is a no-op sink (bench/silent-stdout.cjs), as in the bench process, so ours
 * builds its decision line at the default level without writing it. Every answer must carry `principalId`.
 */
export async function measureColdStarts(
  subjects: ColdSubject[],
  runs: number,
  event: { authorizationToken: string; methodArn: string },
  principalId: string,
): Promise<ColdStats[]> {
  const samples = subjects.map(() => ({ total: [] as number[], loaded: [] as number[] }));
  for (let i = 0; i < runs; i++) {
    for (const [s, subject] of subjects.entries()) {
      const { total, loaded } = await probe(subject, event, principalId);
      samples[s]?.total.push(total);
      samples[s]?.loaded.push(loaded);
    }
  }
  return subjects.map((subject, s) => ({
    name: subject.name,
    total: stats(subject.name, samples[s]?.total ?? []),
    loaded: stats(subject.name, samples[s]?.loaded ?? []),
  }));
}

function probe(
  subject: ColdSubject,
  event: { authorizationToken: string; methodArn: string },
  principalId: string,
): Promise<{ total: number; loaded: number }> {
  const script = `const m=require(${JSON.stringify(subject.file)});const L=performance.now();
Promise.resolve(m[${JSON.stringify(subject.exportName)}]({type:'TOKEN',...${JSON.stringify(event)}})).then(r=>{
if(r.principalId!==${JSON.stringify(principalId)})process.exit(2);process.stderr.write('T'+L+' '+performance.now()+'\\n')},
e=>{process.stderr.write(String(e)+'\\n');process.exit(3)})`;
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['--require', SILENT_STDOUT, '-e', script],
      { env: subject.env, timeout: 30_000 },
      (err, _out, errText) => {
        const match = /T([\d.]+) ([\d.]+)/.exec(errText);
        if (err || !match) reject(new Error(`cold start of ${subject.name} failed: ${err?.message ?? ''} ${errText}`));
        else resolve({ loaded: Number(match[1]), total: Number(match[2]) });
      },
    ),
  );
}
