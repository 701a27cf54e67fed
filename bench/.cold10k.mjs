import { join, resolve } from 'node:path';
import { generateWorkspace } from '../scripts/gen-workspace.mjs';
import { coldIndex, drydockSpec, sleep } from './scenarios.mjs';
const files = generateWorkspace(join('/tmp/ws10k', 'ws'), { apps: 1000 });
const ci = await coldIndex(drydockSpec(resolve(process.argv[2])), join('/tmp/ws10k', 'ws'), files, { detectMs: 20000, timeoutMs: 600000 });
if (process.env.SIGNAL_AT_END) { process.kill(ci.client.proc.pid, 'SIGUSR2'); await sleep(3000); }
await ci.client.shutdown();
console.log(process.argv[2], ci.ms, 'ms', files.length, 'files');
