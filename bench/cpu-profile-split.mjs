// Where the cold start goes: runs the built server with `--cpu-prof` on the
// bench's corpus-file workload (bench/corpus-file.mjs) and on the corpus index
// (every file of ../shared/corpus, found by the startup scan), stops it once
// every file's first diagnostics are published, and buckets the profile's self
// time by source area (through dist/server.js.map): parse, GC, startup, the
// validation core, schema, publish, cross-references, toPlain, index. Prints a
// markdown table (docs/cold-start.md shows one).
//
// Usage: node bench/cpu-profile-split.mjs [--server PATH] [--only corpus-file|corpus-index]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchClient } from './lsp-client.mjs';
import { coldIndex, drydockProcess } from './scenarios.mjs';
import { generateCorpusFile } from './corpus-file.mjs';

const argv = process.argv.slice(2);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = resolve(repoRoot, '../shared/corpus');
const flag = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const serverJs = resolve(flag('--server') ?? join(repoRoot, 'dist/server.js'));
const only = flag('--only');

/** Areas in table order; `rule` gets the original source path (relative, `/`-separated) and the function name. */
const AREAS = [
  // The bundles carry the yaml library's ES module build (yaml/browser/dist/); builds before 2026-12-06 its Node build (yaml/dist/).
  ['toPlain', (src, fn) => /(^|\/)yaml\/(browser\/)?dist\/nodes\/(toJS|addPairToJSMap)\.js$/.test(src) || /server\/src\/model\/plainValue\.ts$/.test(src) || /^(toPlain|toJS|toJSON)$/.test(fn)],
  ['parse', (src) => /(^|\/)yaml\/(browser\/)?dist\//.test(src) || /server\/src\/model\/(parse|parseWalk|mapFindings|yaml11|split|document|documentType|template|intern|text|textDiff|yamlCompat|workspace|ast)\.ts$/.test(src)],
  ['validation core', (src) => /server\/src\/k8s\//.test(src) || /server\/src\/model\/check\/apiCheck\.ts$/.test(src)],
  ['schema', (src) => /server\/src\/schema\//.test(src) || /server\/src\/model\/check\//.test(src)],
  ['cross-refs', (src) => /server\/src\/model\/(reference\w*|relations)\.ts$/.test(src) || /server\/src\/features\/(crossRefDiagnostics|xrefLocations)\.ts$/.test(src)],
  ['index', (src) => /server\/src\/model\/(index|indexer|files|kustomize\w*)\.ts$/.test(src)],
  ['publish', (src) => /server\/src\/(publishEncoder|diagnosticScheduler)\.ts$/.test(src) || /server\/src\/features\/(diagnosticCache|diagnostics)\.ts$/.test(src) || /(^|\/)vscode-(jsonrpc|languageserver[\w-]*)\//.test(src)],
  ['other server code', (src) => /server\/src\//.test(src)],
];
/** Frames of module loading: everything below them is startup (bundle evaluation, the bundled schema). */
const STARTUP = new Set(['Module._compile', 'wrapModuleLoad', 'executeUserEntryPoint', 'runEntryPointWithESMLoader']);

function bucketsOf(profilePath, map) {
  const profile = JSON.parse(readFileSync(profilePath, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const areaOf = new Map();
  const classify = (id) => {
    const self = nodes.get(id);
    const name = self.callFrame.functionName;
    if (name === '(garbage collector)') return 'GC';
    if (name === '(idle)') return 'idle';
    if (name === '(program)') return 'V8 / native (program)';
    for (let at = id; at !== undefined; at = parent.get(at)) if (STARTUP.has(nodes.get(at).callFrame.functionName)) return 'startup';
    // Self time of a builtin (JSON.stringify, RegExp) counts for the nearest caller with a source.
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const f = nodes.get(at).callFrame;
      if (f.url.startsWith('node:')) return 'node runtime (I/O, timers)';
      if (!f.url.endsWith('.js') || !f.url.includes(serverJs.split('/').pop())) continue;
      const entry = map.findEntry(f.lineNumber, f.columnNumber);
      const src = (entry?.originalSource ?? '').replace(/\\/g, '/');
      for (const [area, rule] of AREAS) if (rule(src, f.functionName)) return area;
      return 'other (bundled libraries)';
    }
    return 'other (bundled libraries)';
  };
  const ms = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    if (!areaOf.has(id)) areaOf.set(id, classify(id));
    const area = areaOf.get(id);
    ms.set(area, (ms.get(area) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  return ms;
}

/** The floor: plain `yaml` parsing of the same files in a fresh process (bench/floor.mjs). */
function floorMs(files, dir) {
  const list = join(dir, `floor-${files.length}.list`);
  writeFileSync(list, files.join('\n'));
  const r = spawnSync(process.execPath, [join(repoRoot, 'bench/floor.mjs'), list], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`floor failed: ${r.stderr}`);
  return JSON.parse(r.stdout).ms;
}

async function profileRun(label, root, files, dir) {
  const floor = floorMs(files, dir);
  const profDir = mkdtempSync(join(dir, 'prof-'));
  const spec = {
    name: 'drydock',
    mayScan: true,
    start: () => new BenchClient(serverJs, ['--stdio'], drydockProcess(['--cpu-prof', `--cpu-prof-dir=${profDir}`])),
  };
  const ci = await coldIndex(spec, root, files, { detectMs: 30_000, timeoutMs: 600_000 });
  await ci.client.shutdown();
  const profile = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!profile) throw new Error(`${label}: the server wrote no profile (did it exit cleanly?)`);
  process.stderr.write(`${label}: all ${files.length} files diagnosed in ${ci.ms?.toFixed(0) ?? 'n/a'} ms (${ci.mode})\n`);
  return { label, coldMs: ci.ms, floor, ms: bucketsOf(join(profDir, profile), sourceMap()) };
}

let cachedMap;
function sourceMap() {
  cachedMap ??= new SourceMap(JSON.parse(readFileSync(`${serverJs}.map`, 'utf8')));
  return cachedMap;
}

function table(runs) {
  const areas = ['startup', 'parse', 'toPlain', 'schema', 'validation core', 'cross-refs', 'index', 'publish', 'GC', 'other server code', 'node runtime (I/O, timers)', 'V8 / native (program)', 'other (bundled libraries)'];
  const total = (r) => [...r.ms].filter(([a]) => a !== 'idle').reduce((s, [, v]) => s + v, 0);
  const head = `| area | ${runs.map((r) => r.label).join(' | ')} |\n|---|${runs.map(() => '---:|').join('')}`;
  const row = (a) => `| ${a} | ${runs.map((r) => `${(r.ms.get(a) ?? 0).toFixed(0)} ms (${(((r.ms.get(a) ?? 0) / total(r)) * 100).toFixed(0)}%)`).join(' | ')} |`;
  const lines = [head, ...areas.filter((a) => runs.some((r) => r.ms.get(a))).map(row)];
  lines.push(`| **busy total** | ${runs.map((r) => `**${total(r).toFixed(0)} ms**`).join(' | ')} |`);
  lines.push(`| first diagnostics of every file (wall clock, from \`initialized\`) | ${runs.map((r) => (r.coldMs !== undefined ? `${r.coldMs.toFixed(0)} ms (${(r.coldMs / r.floor).toFixed(1)}× floor)` : 'n/a')).join(' | ')} |`);
  lines.push(`| floor: plain \`yaml\` parse of the same files | ${runs.map((r) => `${r.floor.toFixed(0)} ms`).join(' | ')} |`);
  return lines.join('\n');
}

async function main() {
  if (!existsSync(serverJs) || !existsSync(`${serverJs}.map`)) throw new Error(`${serverJs} (and its .map) missing: run \`npm run build\` first`);
  if (!existsSync(join(corpusDir, 'clean-files.txt'))) throw new Error(`corpus absent at ${corpusDir}`);
  const dir = mkdtempSync(join(tmpdir(), 'drydock-cpu-split-'));
  try {
    const runs = [];
    if (only !== 'corpus-index') {
      const workload = generateCorpusFile(corpusDir, join(dir, 'corpus-file'));
      runs.push(await profileRun(`corpus file (${workload.documents} docs)`, join(dir, 'corpus-file'), [workload.path, workload.small], dir));
    }
    if (only !== 'corpus-file') {
      const files = readFileSync(join(corpusDir, 'INDEX.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => join(corpusDir, l.split('\t')[0]));
      runs.push(await profileRun(`corpus index (${files.length} files)`, corpusDir, files, dir));
    }
    console.log(table(runs));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`cpu-profile-split failed: ${err.stack ?? err.message}`);
  process.exitCode = 1;
});
