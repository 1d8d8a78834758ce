// `npm run explain`: why is this token allowed here and refused there? Runs the authorizer's own checks and policy.
import { LOCAL_STACK_FILE } from './token';
import { runExplain } from './explain/run-explain';

runExplain({
  argv: process.argv.slice(2),
  env: process.env,
  stdin: process.stdin,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  localStackFile: LOCAL_STACK_FILE,
  cwd: process.cwd(),
}).then((status) => {
  process.exitCode = status;
});
