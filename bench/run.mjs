// `npm run bench`: measures Drydock over LSP against two references measured in
// the same run - plain `yaml` parsing of the same files (the floor) and Red
// Hat's yaml-language-server with a locally generated Kubernetes schema - and
// prints a table, pass/fail lines for the targets and regressions against
// bench/baseline.json. Writes bench/results.json.
//
// Flags: --quick (smaller corpus sample, fewer iterations), --update-baseline,
//        --no-reference (skip yaml-language-server), --only-corpus-file (just
//        the corpus-file scenario, for profiling; not compared with the baseline),
//        --server PATH (measure another build's server.js, e.g. an older commit's, for a
//        before/after comparison; see bench/compare.mjs), --results PATH (where to write the
//        results instead of bench/results.json), --baseline-from RESULTS.json (write
//        bench/baseline.json from a finished run's results and exit, without measuring).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSingleFile, generateWorkspace } from '../scripts/gen-workspace.mjs';
import { writeAllKindsSchema } from './k8s-json-schema.mjs';
import { coldIndex, drydockSpec, keystrokes, requestLatency, yamlLanguageServerSpec } from './scenarios.mjs';
import { readText } from './lsp-client.mjs';
import { runScheduler } from './scheduler-runner.mjs';
import { compareWithBaseline, evaluateTargets, printReport } from './report.mjs';
import { corpusFileSession } from './corpus-scenario.mjs';
import { corpusPositions, generateCorpusFile } from './corpus-file.mjs';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const withReference = !argv.includes('--no-reference');
const onlyCorpusFile = argv.includes('--only-corpus-file');
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = resolve(repoRoot, '../shared');
const corpusDir = join(sharedDir, 'corpus');
const flagValue = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? resolve(argv[i + 1]) : undefined;
};
const serverJs = flagValue('--server') ?? join(repoRoot, 'dist/server.js');
const yamlLsBin = join(repoRoot, 'node_modules/yaml-language-server/bin/yaml-language-server');
const baselinePath = join(repoRoot, 'bench/baseline.json');
const resultsPath = flagValue('--results') ?? join(repoRoot, 'bench/results.json');

const N = quick ? { keys: 20, requests: 40, refs: 15, refKeys: 10, corpusKeys: 60 } : { keys: 100, requests: 200, refs: 50, refKeys: 40, corpusKeys: 200 };
const tmp = mkdtempSync(join(tmpdir(), 'drydock-bench-'));
const started = performance.now();
/** id -> { label, value, unit, ref?, refLabel? , note? } */
const metrics = {};
const notes = [];
/** Raw scheduler figures (written to bench/results.json). */
let sched = {};
const log = (m) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)}s] ${m}\n`);
const set = (id, m) => (metrics[id] = m);

function floor(files, name) {
  const list = join(tmp, `${name}.list`);
  writeFileSync(list, files.join('\n'));
  const r = spawnSync(process.execPath, [join(repoRoot, 'bench/floor.mjs'), list], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`floor failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Corpus files; --quick copies a deterministic 1-in-4 sample to a temp folder so a workspace scan sees only the sample. */
function corpusFiles() {
  if (!existsSync(join(corpusDir, 'INDEX.tsv'))) return undefined;
  const rel = readFileSync(join(corpusDir, 'INDEX.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t')[0]);
  if (!quick) return { root: corpusDir, files: rel.map((r) => join(corpusDir, r)) };
  const root = join(tmp, 'corpus-sample');
  const files = rel.filter((_, i) => i % 4 === 0).map((r) => {
    const to = join(root, r);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(corpusDir, r), to);
    return to;
  });
  return { root, files };
}

/** Positions inside the Deployment of `app` (hover/completion/definition targets). */
function positionsIn(text, app) {
  const from = text.indexOf(`kind: Deployment\nmetadata:\n  name: ${app}\n`);
  if (from < 0) throw new Error(`no Deployment ${app}`);
  const at = (needle, delta = 0) => {
    const idx = text.indexOf(needle, from);
    if (idx < 0) throw new Error(`'${needle}' not found after ${app}`);
    const before = text.slice(0, idx + delta);
    return { line: before.split('\n').length - 1, character: idx + delta - before.lastIndexOf('\n') - 1 };
  };
  const cfgFrom = text.lastIndexOf('kind: ConfigMap', from);
  const cfgName = text.indexOf(`name: ${app}-config`, cfgFrom);
  const cfgBefore = text.slice(0, cfgName + 8);
  return {
    hover: [at('replicas:', 3), at('image:', 2), at('containerPort:', 4), at('serviceAccountName:', 5), at('readinessProbe:', 3)],
    // Schema keys, then values from the model: a ServiceAccount name, a ConfigMap key, a workload's
    // own selector value, a Service selector value (pod labels) and an Ingress backend port name.
    completion: [at('replicas:'), at('containerPort:'), at('      serviceAccountName:', 6), at('serviceAccountName: ', 20), at('key: LOG_LEVEL', 5), at('matchLabels:\n      app.kubernetes.io/name: ', 43), at('selector:\n    app.kubernetes.io/name: ', 38), at('port:\n                  name: ', 30)],
    keystroke: at('/description: ', 20),
    definition: [at(`configMapRef:\n                name: ${app}-config`, 36), at('claimName: ', 13), at('secretKeyRef:\n                  name: ', 40)],
    references: [{ line: cfgBefore.split('\n').length - 1, character: cfgName + 8 - cfgBefore.lastIndexOf('\n') - 1 }],
  };
}

/** Keystroke, hover, completion (and definition/references where offered) on one file of an open session. */
async function interactive(prefix, client, path, text, app, { refs }) {
  const pos = positionsIn(text, app);
  const out = {};
  out.keystroke = await keystrokes(client, path, text, pos.keystroke, { iterations: N.keys, budgetMs: quick ? 15_000 : 30_000 });
  out.hover = await requestLatency(client, 'textDocument/hover', path, pos.hover, { iterations: N.requests });
  out.completion = await requestLatency(client, 'textDocument/completion', path, pos.completion, { iterations: N.requests });
  if (refs && client.capabilities.definitionProvider) out.definition = await requestLatency(client, 'textDocument/definition', path, pos.definition, { iterations: N.refs });
  if (refs && client.capabilities.referencesProvider) out.references = await requestLatency(client, 'textDocument/references', path, pos.references, { iterations: N.refs });
  log(`${prefix}: ${Object.entries(out).map(([k, v]) => `${k} p50 ${v.p50?.toFixed(1)} p99 ${v.p99?.toFixed(1)} ms`).join('; ')}`);
  return out;
}

async function session(spec, root, files, label, opts = {}) {
  log(`${spec.name}: cold index of ${label} (${files.length} files)…`);
  const ci = await coldIndex(spec, root, files, { detectMs: opts.detectMs, timeoutMs: opts.timeoutMs });
  const rssAfterIndex = ci.client.peakRssMb();
  log(`${spec.name}: ${label} ${ci.ms !== undefined ? `${ci.ms.toFixed(0)} ms` : `incomplete (${ci.seen}/${ci.files} files in ${ci.partialMs?.toFixed(0)} ms)`} via ${ci.mode}, peak RSS ${rssAfterIndex?.toFixed(0)} MB`);
  let inter;
  if (opts.interactive && ci.ms !== undefined) {
    const { path, app } = opts.interactive;
    const idx = files.indexOf(path);
    const text = ci.texts[idx];
    if (ci.mode === 'scan') {
      const arrived = ci.client.waitForPublish(path, (r) => r.version === 1 || r.version === undefined, 30_000).catch(() => undefined);
      await ci.client.open(path, text);
      await arrived;
    }
    inter = await interactive(`${spec.name} ${label}`, ci.client, path, text, app, { refs: opts.refs });
  }
  const peakRss = ci.client.peakRssMb();
  const alive = ci.client.alive;
  const stderr = ci.client.stderr;
  await ci.client.shutdown();
  if (!alive) notes.push(`${spec.name} exited during ${label}: ${stderr.slice(-500)}`);
  return { ...ci, client: undefined, texts: undefined, peakRss, interactive: inter };
}

async function main() {
  if (!existsSync(serverJs)) throw new Error(`${serverJs} missing: run \`npm run build\` first`);
  if (flagValue('--server')) notes.push(`server measured: ${serverJs}`);
  const yamlLs = withReference && existsSync(yamlLsBin);
  if (withReference && !yamlLs) notes.push('yaml-language-server not installed (npm i -D yaml-language-server): reference columns empty');
  log(`setup in ${tmp}`);
  const wsFiles = generateWorkspace(join(tmp, 'ws'), { apps: 1000 });
  const big = generateSingleFile(join(tmp, 'big', 'thousand-docs.yaml'), { apps: 100 });
  const swagger = join(sharedDir, 'k8s-openapi/swagger.json');
  const schema = existsSync(swagger) ? writeAllKindsSchema(swagger, join(tmp, 'schema')) : undefined;
  const dd = drydockSpec(serverJs);
  const yl = yamlLs && schema ? yamlLanguageServerSpec(yamlLsBin, schema) : undefined;
  if (yamlLs && !schema) notes.push('../shared/k8s-openapi/swagger.json absent: yaml-language-server not measured');

  // The corpus file (issue 14) first: its figures are the project's headline targets.
  if (existsSync(join(corpusDir, 'clean-files.txt'))) await corpusFileScenario(dd, yl);
  else notes.push(`corpus absent at ${corpusDir}: corpus-file rows skipped`);
  if (onlyCorpusFile) return finish();

  // Floors (plain yaml parsing) first, so their time also sizes the scan-detection window.
  const corpus = corpusFiles();
  const wsFloor = floor(wsFiles, 'ws');
  const bigFloor = floor([big.path], 'big');
  set('floor.workspace', { label: 'plain yaml parse, 10k-resource workspace', value: wsFloor.ms, unit: 'ms' });
  set('floor.bigfile', { label: 'plain yaml parse, 1,000-doc file', value: bigFloor.ms, unit: 'ms' });
  let corpusFloor;
  if (corpus) {
    corpusFloor = floor(corpus.files, 'corpus');
    set('floor.corpus', { label: `plain yaml parse, corpus (${corpus.files.length} files)`, value: corpusFloor.ms, unit: 'ms' });
  } else notes.push(`corpus absent at ${corpusDir}: corpus rows skipped`);
  log(`floors: workspace ${wsFloor.ms.toFixed(0)} ms, big file ${bigFloor.ms.toFixed(0)} ms${corpusFloor ? `, corpus ${corpusFloor.ms.toFixed(0)} ms` : ''}`);

  // Corpus: cold index only.
  if (corpus) {
    const d = await session(dd, corpus.root, corpus.files, 'corpus', { detectMs: Math.max(5000, 2 * corpusFloor.ms) });
    set('cold.corpus', { label: `cold index + diagnostics, corpus (${corpus.files.length} files)`, value: d.ms, unit: 'ms', floor: corpusFloor.ms, mode: d.mode, seen: d.seen });
    set('rss.corpus', { label: 'peak server RSS, corpus', value: d.peakRss, unit: 'MB' });
    if (yl) {
      const y = await session(yl, corpus.root, corpus.files, 'corpus', { timeoutMs: quick ? 60_000 : 150_000 });
      metrics['cold.corpus'].ref = y.ms ?? (y.partialMs !== undefined ? -1 : undefined);
      metrics['cold.corpus'].refNote = y.ms === undefined ? `yaml-ls incomplete: ${y.seen}/${y.files} files after ${(y.partialMs / 1000).toFixed(0)} s` : undefined;
      metrics['rss.corpus'].ref = y.peakRss;
    }
  }

  // 10k-resource workspace: cold index, then interactive figures in the same session.
  const wsPath = wsFiles[500];
  const wsOpts = { interactive: { path: wsPath, app: 'app-0500' }, refs: true, detectMs: Math.max(5000, 2 * wsFloor.ms) };
  const d = await session(dd, join(tmp, 'ws'), wsFiles, 'workspace', wsOpts);
  const y = yl ? await session(yl, join(tmp, 'ws'), wsFiles, 'workspace', { ...wsOpts, refs: false, timeoutMs: quick ? 90_000 : 180_000 }) : undefined;
  set('cold.workspace', { label: 'cold index + diagnostics, 10k resources / 1,000 files', value: d.ms, unit: 'ms', floor: wsFloor.ms, mode: d.mode, seen: d.seen, ref: y?.ms });
  set('rss.workspace', { label: 'peak server RSS, 10k-resource workspace', value: d.peakRss, unit: 'MB', ref: y?.peakRss });
  addInteractive('workspace', '10k workspace', d.interactive, y?.interactive);

  // One 1,000-document, ~30k-line file.
  const bigText = readText(big.path);
  const bigLabel = `${big.documents}-doc file (${big.lines} lines)`;
  const bd = await session(dd, dirname(big.path), [big.path], 'big file', { interactive: { path: big.path, app: 'app-0050' }, refs: true, detectMs: 3000 });
  const by = yl ? await session(yl, dirname(big.path), [big.path], 'big file', { interactive: { path: big.path, app: 'app-0050' } }) : undefined;
  void bigText;
  set('cold.bigfile', { label: `first diagnostics, ${bigLabel}`, value: bd.ms, unit: 'ms', floor: bigFloor.ms, ref: by?.ms });
  addInteractive('bigfile', bigLabel, bd.interactive, by?.interactive);
  set('rss.bigfile', { label: `peak server RSS, ${bigLabel}`, value: bd.peakRss, unit: 'MB', ref: by?.peakRss });

  // Scheduling throughput (the scheduler engineer's runSchedulerBench).
  // The scheduler bench runs this checkout's sources, not a --server build: skipped then.
  log('scheduler…');
  sched = flagValue('--server') ? { skipped: 'not measured with --server (it runs this checkout\'s sources)' } : runScheduler(repoRoot, { quick });
  if (sched.skipped) notes.push(`scheduler: ${sched.skipped}`);
  for (const r of sched.rows ?? []) {
    set(`sched.${r.nodes}`, { label: `schedule ${r.pods.toLocaleString('en')} pods on ${r.nodes.toLocaleString('en')} nodes`, value: r.ms, unit: 'ms', pods: r.pods, nodes: r.nodes, note: r.podsPerSecond ? `${Math.round(r.podsPerSecond).toLocaleString('en')} pods/s` : undefined });
  }

  return finish();
}

function finish() {
  const targets = evaluateTargets(metrics);
  const baseline = existsSync(baselinePath) ? JSON.parse(readFileSync(baselinePath, 'utf8')) : undefined;
  if (onlyCorpusFile) notes.push('--only-corpus-file: not compared with bench/baseline.json');
  const regressions = onlyCorpusFile ? [] : compareWithBaseline(metrics, baseline, quick, notes);
  const results = {
    date: new Date().toISOString(),
    quick,
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    durationSeconds: (performance.now() - started) / 1000,
    metrics,
    targets,
    regressions,
    notes,
    scheduler: sched.raw,
  };
  printReport(results);
  writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n');
  log(`wrote ${resultsPath}`);
  // A regression or a missed target fails the benchmark (not the unit tests).
  if (regressions.length > 0 || targets.some((t) => t.status === 'FAIL')) process.exitCode = 1;
  if (argv.includes('--update-baseline') && !onlyCorpusFile && !flagValue('--server')) {
    writeBaseline(results);
  }
}

/** bench/baseline.json from a run's results (the figures only). */
function writeBaseline(results) {
  const { date, quick: q, node, cpus: n, cpuModel, metrics: m } = results;
  const figures = Object.fromEntries(Object.entries(m).map(([k, f]) => [k, { label: f.label, value: f.value, unit: f.unit }]));
  writeFileSync(baselinePath, JSON.stringify({ date, quick: q, node, cpus: n, cpuModel, metrics: figures }, null, 2) + '\n');
  log(`updated ${baselinePath}`);
}

async function corpusFileScenario(dd, yl) {
  const workload = generateCorpusFile(corpusDir, join(tmp, 'corpus-file'));
  workload.dir = join(tmp, 'corpus-file');
  workload.positions = corpusPositions(workload.text);
  const label = `corpus file (${workload.documents} docs, ${workload.lines.toLocaleString('en')} lines)`;
  const cfFloor = floor([workload.path], 'corpus-file');
  set('floor.corpusfile', { label: `plain yaml parse, ${label}`, value: cfFloor.ms, unit: 'ms' });
  log(`corpus file: ${workload.documents} documents, ${workload.lines} lines; floor ${cfFloor.ms.toFixed(0)} ms`);
  const d = await corpusFileSession(dd, workload, {
    kinds: ['hover', 'completion', 'definition', 'references'],
    keys: N.corpusKeys,
    budgetMs: quick ? 30_000 : 90_000,
    detectMs: Math.max(5000, 3 * cfFloor.ms),
    timeoutMs: 120_000,
    simulate: true,
    log,
  });
  const y = yl
    ? await corpusFileSession(yl, workload, { kinds: ['hover', 'completion'], keys: N.corpusKeys, budgetMs: quick ? 20_000 : 45_000, detectMs: 0, timeoutMs: 120_000, simulate: false, log })
    : undefined;
  const id = 'corpusfile';
  set(`cold.${id}`, { label: `first diagnostics, ${label}`, value: d.cold, unit: 'ms', floor: cfFloor.ms, ref: y?.cold, note: d.diagnostics !== undefined ? `${d.diagnostics} diagnostics published` : undefined });
  const under = (kind, what) => {
    if (!d[kind]) return;
    const r = y?.[kind];
    const note = `${d[kind].during}/${d[kind].n} sent during re-analysis`;
    set(`${kind}.${id}.p50`, { label: `${what} p50 during re-analysis, ${label}`, value: d[kind].p50, unit: 'ms', ref: r?.p50, answered: d[kind].answered, n: d[kind].n, refN: r?.n });
    set(`${kind}.${id}.p99`, { label: `${what} p99 during re-analysis, ${label}`, value: d[kind].p99, unit: 'ms', ref: r?.p99, answered: d[kind].answered, n: d[kind].n, refAnswered: r?.answered, note });
    // Server main-thread CPU during the request: the part of its latency the server spent working
    // (its own work and any background slice it waited for), as opposed to waiting for a CPU.
    if (d[kind].cpu) set(`${kind}.${id}.cpu.p99`, { label: `${what} server CPU p99 during re-analysis, ${label}`, value: d[kind].cpu.p99, unit: 'ms', n: d[kind].cpu.n });
  };
  if (d.keystroke) {
    set(`keystroke.${id}.p50`, { label: `keystroke -> diagnostics p50, ${label}`, value: d.keystroke.p50, unit: 'ms', ref: y?.keystroke?.p50, n: d.keystroke.n, refN: y?.keystroke?.n });
    set(`keystroke.${id}.p99`, { label: `keystroke -> diagnostics p99, ${label}`, value: d.keystroke.p99, unit: 'ms', ref: y?.keystroke?.p99, n: d.keystroke.n });
  }
  under('hover', 'hover');
  under('completion', 'completion');
  under('definition', 'definition');
  under('references', 'references');
  const mem = d.memAfterKeys ?? d.memAfterSim;
  if (mem) {
    const ym = y?.memAfterKeys;
    set(`rss.${id}`, { label: `server RSS after the run (a simulation, then the keystrokes), ${label}`, value: mem.rss, unit: 'MB', ref: ym?.rss, note: d.simulateMs !== undefined ? `simulation ${d.simulateMs.toFixed(0)} ms` : 'no simulation' });
    if (mem.heapUsed !== undefined) set(`heap.${id}`, { label: `server JS heap after the run (main thread, after GC), ${label}`, value: mem.heapUsed, unit: 'MB' });
    if (mem.workerHeapUsed !== undefined) set(`heap.${id}.worker`, { label: `simulation worker JS heap after the run (after GC), ${label}`, value: mem.workerHeapUsed, unit: 'MB' });
  }
  if (d.memWarm && d.memAfterKeys) {
    const n = `keystrokes ${Math.min(20, d.keystrokes - 1) + 1}-${d.keystrokes}`;
    set(`rssgrowth.${id}`, { label: `RSS growth over ${n}, ${label}`, value: d.memAfterKeys.rss - d.memWarm.rss, unit: 'MB', delta: true });
    if (d.memAfterKeys.heapUsed !== undefined) set(`heapgrowth.${id}`, { label: `heap growth over ${n} (after GC), ${label}`, value: d.memAfterKeys.heapUsed - d.memWarm.heapUsed, unit: 'MB', delta: true });
  }
  set(`rsspeak.${id}`, { label: `peak server RSS, ${label}`, value: d.peakRss, unit: 'MB', ref: y?.peakRss });
}

function addInteractive(id, label, ours, ref) {
  if (!ours) return;
  const add = (kind, what) => {
    if (!ours[kind]) return;
    const r = ref?.[kind];
    set(`${kind}.${id}.p50`, { label: `${what} p50, ${label}`, value: ours[kind].p50, unit: 'ms', ref: r?.p50, answered: ours[kind].answered, n: ours[kind].n, refN: r?.n });
    set(`${kind}.${id}.p99`, { label: `${what} p99, ${label}`, value: ours[kind].p99, unit: 'ms', ref: r?.p99, answered: ours[kind].answered, n: ours[kind].n, refAnswered: r?.answered });
  };
  add('keystroke', 'keystroke -> diagnostics');
  add('hover', 'hover');
  add('completion', 'completion');
  add('definition', 'definition');
  add('references', 'references');
}

const baselineFrom = flagValue('--baseline-from');
const run = baselineFrom ? Promise.resolve().then(() => writeBaseline(JSON.parse(readFileSync(baselineFrom, 'utf8')))) : main();
run
  .catch((err) => {
    process.stderr.write(`bench failed: ${err.stack ?? err}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(tmp, { recursive: true, force: true }));
