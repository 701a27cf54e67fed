// Entry point for `npm run bench` (bench/scheduler-runner.mjs prefers this file):
// bundles bench/scheduler.ts with esbuild, as the shipped server is bundled, so
// the measurement reflects production code rather than tsx's per-module shims.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));

async function load() {
  const out = await build({ entryPoints: [join(here, 'scheduler.ts')], bundle: true, format: 'esm', platform: 'node', target: 'node20', write: false, logLevel: 'silent' });
  const dir = mkdtempSync(join(tmpdir(), 'drydock-bench-'));
  const file = join(dir, 'scheduler.bundle.mjs');
  writeFileSync(file, out.outputFiles[0].text);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mod = await load();
export const runSchedulerBench = mod.runSchedulerBench;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  runSchedulerBench({ nodeCounts: arg('--nodes')?.split(',').map(Number), pods: arg('--pods') ? Number(arg('--pods')) : undefined, log: (l) => console.log(l) });
}
