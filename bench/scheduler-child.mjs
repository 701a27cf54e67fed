// Child process of scheduler-runner.mjs: imports bench/scheduler.* and prints
// the result of runSchedulerBench(opts) as one JSON line (last line of stdout).
import { pathToFileURL } from 'node:url';

const [modulePath, optsJson] = process.argv.slice(2);
const mod = await import(pathToFileURL(modulePath).href);
const run = mod.runSchedulerBench ?? mod.default?.runSchedulerBench;
if (typeof run !== 'function') {
  process.stderr.write(`${modulePath} does not export runSchedulerBench\n`);
  process.exit(3);
}
const result = await run(JSON.parse(optsJson));
process.stdout.write('\n' + JSON.stringify(result ?? null) + '\n');
