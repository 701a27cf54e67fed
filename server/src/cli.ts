// The `drydock` command line: `check` prints the editor's diagnostics for CI;
// `simulate` runs the cluster simulation (see sim/).

import { runCheck } from './cli/check';
import { runSimulate } from './cli/simulate';

const USAGE = `Usage:
  drydock check [paths...] [--format text|json|sarif] [--kubernetes-version X.Y]
  drydock simulate [paths...] [--baseline <path>] [--nodes N --node-cpu C --node-memory M] [--strict-namespaces] [--json]
`;

// Not `async`: only the check and simulate commands wait for something.
function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return runCheck(rest);
    // CLI COMMANDS (each command adds its case here)
    case 'simulate':
      return runSimulate(rest);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(USAGE);
      return Promise.resolve(command === undefined ? 2 : 0);
    default:
      process.stderr.write(`drydock: unknown command '${command}'\n${USAGE}`);
      return Promise.resolve(2);
  }
}

// `drydock simulate … | head`: the reader went away, so the output is no longer
// wanted. Exit quietly instead of crashing on an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream === process.stdout) process.stderr.write(`drydock: cannot write the output: ${err.message}\n`);
    process.exit(2);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`drydock: ${(err as Error).message}\n`);
    process.exitCode = 2;
  },
);
