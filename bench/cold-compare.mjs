// Cold start of two or more builds, interleaved: for each round, the floor (plain
// `yaml` parsing of the same files) then every server's cold index of the corpus,
// the 10k-resource workspace and the 1,000-document file. Back-to-back single runs
// drifted by up to 1.37x on this shared machine (the floor with them); interleaving
// and medians make a before/after ratio of cold start trustworthy.
//
// Usage: node bench/cold-compare.mjs [--rounds 3] [--only corpus|10k|1000] SERVER.js [SERVER.js ...]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSingleFile, generateWorkspace } from '../scripts/gen-workspace.mjs';
import { coldIndex, drydockSpec } from './scenarios.mjs';

const argv = process.argv.slice(2);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = resolve(repoRoot, '../shared/corpus');
const roundsAt = argv.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(argv[roundsAt + 1]) : 3;
const onlyAt = argv.indexOf('--only');
/** One workload only: its name starts with this (`corpus`, `10k`, `1,000` or `1000`). */
const only = onlyAt >= 0 ? argv[onlyAt + 1].replace(/^1000/, '1,000') : undefined;
const servers = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--rounds' && argv[i - 1] !== '--only').map((p) => resolve(p));
if (servers.length === 0 || servers.some((s) => !existsSync(s))) {
  process.stderr.write('usage: node bench/cold-compare.mjs [--rounds N] SERVER.js [SERVER.js ...] (built server bundles)\n');
  process.exit(2);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function floorMs(files, dir, name) {
  const list = join(dir, `${name}.list`);
  writeFileSync(list, files.join('\n'));
  const r = spawnSync(process.execPath, [join(repoRoot, 'bench/floor.mjs'), list], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`floor failed: ${r.stderr}`);
  return JSON.parse(r.stdout).ms;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-cold-'));
  try {
    const workloads = [];
    if (existsSync(join(corpusDir, 'INDEX.tsv'))) {
      const files = readFileSync(join(corpusDir, 'INDEX.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => join(corpusDir, l.split('\t')[0]));
      workloads.push({ name: `corpus (${files.length} files)`, root: corpusDir, files, detectMs: 30_000 });
    }
    const wsFiles = generateWorkspace(join(dir, 'ws'), { apps: 1000 });
    workloads.push({ name: '10k-resource workspace', root: join(dir, 'ws'), files: wsFiles, detectMs: 20_000 });
    const big = generateSingleFile(join(dir, 'big', 'thousand-docs.yaml'), { apps: 100 });
    workloads.push({ name: '1,000-doc file', root: dirname(big.path), files: [big.path], detectMs: 5000 });
    if (only) workloads.splice(0, workloads.length, ...workloads.filter((w) => w.name.startsWith(only)));
    /** workload -> { floor: [], [server]: [] } */
    const times = new Map(workloads.map((w) => [w.name, { floor: [], ...Object.fromEntries(servers.map((s) => [s, []])) }]));
    for (let round = 0; round < rounds; round++) {
      for (const w of workloads) {
        const t = times.get(w.name);
        t.floor.push(floorMs(w.files, dir, w.name.replace(/\W+/g, '-')));
        // Alternate the order each round so neither build always runs first.
        const order = round % 2 === 0 ? servers : [...servers].reverse();
        for (const s of order) {
          const ci = await coldIndex(drydockSpec(s), w.root, w.files, { detectMs: w.detectMs, timeoutMs: 600_000 });
          await ci.client.shutdown();
          if (ci.ms === undefined) throw new Error(`${s}: ${w.name} incomplete (${ci.seen}/${ci.files} files)`);
          t[s].push(ci.ms);
          process.stderr.write(`round ${round + 1} ${w.name}: ${s} ${ci.ms.toFixed(0)} ms (floor ${t.floor[round].toFixed(0)} ms)\n`);
        }
      }
    }
    const base = servers[0];
    console.log(`| workload (median of ${rounds}) | floor | ${servers.map((s, i) => `server ${i + 1}`).join(' | ')} |`);
    console.log(`|---|---:|${servers.map(() => '---:|').join('')}`);
    for (const w of workloads) {
      const t = times.get(w.name);
      const cells = servers.map((s) => `${median(t[s]).toFixed(0)} ms (${(median(t[s]) / median(t.floor)).toFixed(2)}× floor${s === base ? '' : `, ${(median(t[s]) / median(t[base])).toFixed(2)}× server 1`})`);
      console.log(`| ${w.name} | ${median(t.floor).toFixed(0)} ms | ${cells.join(' | ')} |`);
    }
    servers.forEach((s, i) => console.log(`server ${i + 1}: ${s}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`cold-compare failed: ${err.stack ?? err.message}`);
  process.exitCode = 1;
});
