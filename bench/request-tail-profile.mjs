// Where a slow request's time goes: runs the built server with `--cpu-prof` on the
// bench's 10k-resource workspace or its 1,000-document file, types the bench's
// keystrokes, then sends the bench's hovers (or another method), and for every
// request slower than a threshold prints what the server's main thread was doing
// between the request's send and its answer: profile samples bucketed by the
// innermost server frames (through dist/server.js.map), GC and idle.
//
// The client's and the profile's clocks are both CLOCK_MONOTONIC (process.hrtime
// here, V8's TimeTicks in the profile), so windows line up without calibration.
//
// The corpus workload is the bench's corpus-file scenario: each request follows a
// keystroke at once (or a few ms later), so its window includes applying that edit.
//
// Usage: node bench/request-tail-profile.mjs [--workload workspace|bigfile|corpus]
//          [--method textDocument/hover] [--slower-than 8] [--top 6] [--server PATH] [--no-profile] [--node-arg ARG]
// (--no-profile: only the latencies, without the profiler's overhead)
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSingleFile, generateWorkspace } from '../scripts/gen-workspace.mjs';
import { BenchClient, readText, uriOf } from './lsp-client.mjs';
import { corpusPositions, generateCorpusFile } from './corpus-file.mjs';
import { coldIndex, drydockProcess, keystrokes, sleep, summary } from './scenarios.mjs';

const argv = process.argv.slice(2);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const flag = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const serverJs = resolve(flag('--server') ?? join(repoRoot, 'dist/server.js'));
const workloadName = flag('--workload') ?? 'workspace';
const method = flag('--method') ?? 'textDocument/hover';
const slowerThan = Number(flag('--slower-than') ?? 8);
const top = Number(flag('--top') ?? 6);
const profiling = !argv.includes('--no-profile');
const monoUs = () => Number(process.hrtime.bigint() / 1000n);

/** The bench's positions (bench/run.mjs positionsIn) for the methods this tool sends. */
function positions(text, app) {
  const from = text.indexOf(`kind: Deployment\nmetadata:\n  name: ${app}\n`);
  const at = (needle, delta = 0) => {
    const idx = text.indexOf(needle, from);
    const before = text.slice(0, idx + delta);
    return { line: before.split('\n').length - 1, character: idx + delta - before.lastIndexOf('\n') - 1 };
  };
  return {
    'textDocument/hover': [at('replicas:', 3), at('image:', 2), at('containerPort:', 4), at('serviceAccountName:', 5), at('readinessProbe:', 3)],
    'textDocument/completion': [at('replicas:'), at('containerPort:'), at('      serviceAccountName:', 6), at('serviceAccountName: ', 20)],
    'textDocument/definition': [at('claimName: ', 13)],
    keystroke: at('/description: ', 20),
  };
}

function frameLabeler(map) {
  const cache = new Map();
  return (frame) => {
    const key = `${frame.url}:${frame.lineNumber}:${frame.columnNumber}:${frame.functionName}`;
    let label = cache.get(key);
    if (label === undefined) {
      label = null;
      if (frame.url.endsWith(serverJs.split('/').pop())) {
        const e = map.findEntry(frame.lineNumber, frame.columnNumber);
        const src = (e?.originalSource ?? '').replace(/\\/g, '/').replace(/^.*?(server\/src\/|node_modules\/)/, '$1');
        label = `${src.replace(/^node_modules\//, '')}:${(e?.originalLine ?? 0) + 1} ${frame.functionName || '(anonymous)'}`;
      } else if (frame.url.startsWith('node:')) label = `${frame.url} ${frame.functionName}`;
      cache.set(key, label);
    }
    return label;
  };
}

function analyse(profilePath, windows) {
  const profile = JSON.parse(readFileSync(profilePath, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = frameLabeler(new SourceMap(JSON.parse(readFileSync(`${serverJs}.map`, 'utf8'))));
  /** The sample's stack as up to 4 labelled frames, innermost first. */
  const stackOf = (id) => {
    const name = nodes.get(id).callFrame.functionName;
    if (name === '(garbage collector)' || name === '(idle)' || name === '(program)') return name;
    const out = [];
    for (let at = id; at !== undefined && out.length < 4; at = parent.get(at)) {
      const l = label(nodes.get(at).callFrame);
      if (l && out[out.length - 1] !== l) out.push(l);
    }
    return out.join(' < ') || name;
  };
  let t = profile.startTime;
  const times = profile.timeDeltas.map((d) => (t += d));
  // The whole phase, by the outermost server frames (what kind of work: a notification, a request, a background slice).
  if (argv.includes('--phase')) {
    const outer = new Map();
    const start = windows.start;
    for (let i = 0; i < profile.samples.length; i++) {
      if (times[i] < start || times[i] > windows.end) continue;
      const next = i + 1 < times.length ? times[i + 1] - times[i] : 0;
      const name = nodes.get(profile.samples[i]).callFrame.functionName;
      let k = name;
      if (!['(garbage collector)', '(idle)', '(program)'].includes(name)) {
        const chain = [];
        for (let at = profile.samples[i]; at !== undefined; at = parent.get(at)) {
          const l = label(nodes.get(at).callFrame);
          if (l && l.startsWith('server/src/') && !l.startsWith('server/src/messageGate')) chain.push(l);
        }
        k = chain.slice(-Number(flag('--phase-depth') ?? 3)).reverse().join(' > ') || stackOf(profile.samples[i]).split(' < ').slice(-1)[0];
      }
      outer.set(k, (outer.get(k) ?? 0) + next / 1000);
    }
    const sum = [...outer.values()].reduce((a, b) => a + b, 0);
    console.log(`\nthe whole phase (${sum.toFixed(0)} ms), by outermost server frames:`);
    for (const [k, ms] of [...outer].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${ms.toFixed(1).padStart(7)} ms ${((100 * ms) / sum).toFixed(1).padStart(5)}%  ${k}`);
  }
  // Over all slow windows: which frames the tail is made of.
  const total = new Map();
  for (let i = 0, w = 0; i < profile.samples.length; i++) {
    const sorted = windows;
    while (w < sorted.length && sorted[w].answeredUs < times[i]) w++;
    if (w >= sorted.length || times[i] < sorted[w].sentUs) continue;
    const next = i + 1 < times.length ? times[i + 1] - times[i] : 0;
    const k = stackOf(profile.samples[i]).split(' < ').slice(0, 2).join(' < ');
    total.set(k, (total.get(k) ?? 0) + next / 1000);
  }
  const sum = [...total.values()].reduce((a, b) => a + b, 0);
  console.log(`\nall ${windows.length} slow windows together (${sum.toFixed(0)} ms):`);
  for (const [k, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${ms.toFixed(1).padStart(7)} ms ${((100 * ms) / sum).toFixed(1).padStart(5)}%  ${k}`);
  // The slowest first: they are the tail.
  for (const w of [...windows].sort((a, b) => b.ms - a.ms).slice(0, top)) {
    const buckets = new Map();
    for (let i = 0; i < profile.samples.length; i++) {
      if (times[i] < w.sentUs || times[i] > w.answeredUs) continue;
      const next = i + 1 < times.length ? times[i + 1] - times[i] : 0;
      const k = stackOf(profile.samples[i]);
      buckets.set(k, (buckets.get(k) ?? 0) + next / 1000);
    }
    const largest = [...buckets].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(`\n#${w.index} ${method} ${w.ms.toFixed(1)} ms (${(w.sentUs - windows.start) / 1000 | 0} ms into the phase)`);
    for (const [k, ms] of largest) console.log(`  ${ms.toFixed(1).padStart(6)} ms  ${k}`);
  }
}

async function main() {
  if (!existsSync(serverJs) || !existsSync(`${serverJs}.map`)) throw new Error(`${serverJs} (and its .map) missing: run \`npm run build\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'drydock-tail-'));
  try {
    let root, files, path, app;
    if (workloadName === 'workspace') {
      root = join(dir, 'ws');
      files = generateWorkspace(root, { apps: 1000 });
      path = files[500];
      app = 'app-0500';
    } else if (workloadName === 'corpus') {
      const shared = resolve(repoRoot, '..', 'shared', 'corpus');
      const gen = generateCorpusFile(shared, join(dir, 'corpus'));
      root = dirname(gen.path);
      files = [gen.path, gen.small];
      path = gen.path;
    } else {
      const big = generateSingleFile(join(dir, 'big', 'thousand-docs.yaml'), { apps: 100 });
      root = dirname(big.path);
      files = [big.path];
      path = big.path;
      app = 'app-0050';
    }
    const profDir = mkdtempSync(join(dir, 'prof-'));
    const spec = { name: 'drydock', mayScan: true, start: () => new BenchClient(serverJs, ['--stdio'], drydockProcess(['--expose-gc', ...(flag('--node-arg') ? [flag('--node-arg')] : []), ...(profiling ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=200'] : [])])) };
    const ci = await coldIndex(spec, root, files, { detectMs: 10_000, timeoutMs: 600_000 });
    const client = ci.client;
    const text = readText(path);
    if (ci.mode === 'scan') {
      const arrived = client.waitForPublish(path, (r) => r.version === 1 || r.version === undefined, 30_000).catch(() => undefined);
      await client.open(path, text);
      await arrived;
    }
    const windows = [];
    const all = [];
    const uri = uriOf(path);
    const send = async (index, position) => {
      const params = { textDocument: { uri }, position };
      if (method === 'textDocument/references') params.context = { includeDeclaration: true };
      const sentUs = monoUs();
      await client.request(method, params);
      const answeredUs = monoUs();
      const ms = (answeredUs - sentUs) / 1000;
      all.push(ms);
      if (ms > slowerThan) windows.push({ index, sentUs, answeredUs, ms });
    };
    if (workloadName === 'corpus') {
      // bench/corpus-scenario.mjs: edit, a request at once, another 0-8 ms later, wait for the publish.
      const pos = corpusPositions(text);
      const list = pos[method.replace('textDocument/', '')];
      const original = text.split('\n')[pos.keystroke.line][pos.keystroke.character];
      const range = { start: pos.keystroke, end: { line: pos.keystroke.line, character: pos.keystroke.character + 1 } };
      windows.start = monoUs();
      // --signal-phase: SIGUSR2 to the server at the start and end of the measured phase (for a --node-arg preload).
      if (argv.includes('--signal-phase')) client.proc.kill('SIGUSR2');
      for (let i = 0; i < 100; i++) {
        const t = performance.now();
        const arrived = client.waitForPublish(path, (rec) => rec.time > t, 60_000);
        client.edit(path, range, i % 2 === 0 ? 'x' : original);
        await send(2 * i, list[(2 * i) % list.length]);
        await sleep([0, 1, 2, 4, 8][i % 5]);
        await send(2 * i + 1, list[(2 * i + 1) % list.length]);
        await arrived;
        await sleep(10);
      }
      windows.end = monoUs();
      if (argv.includes('--signal-phase')) {
        client.proc.kill('SIGUSR2');
        await sleep(500);
      }
    } else {
      const pos = positions(text, app);
      await keystrokes(client, path, text, pos.keystroke, { iterations: 100 });
      windows.start = monoUs();
      const list = pos[method];
      for (let i = 0; i < 200; i++) await send(i, list[i % list.length]);
    }
    await client.shutdown();
    const { p50, p99, max } = summary(all);
    console.log(`${method} (${workloadName}): p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms`);
    if (!profiling) return;
    const profile = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (!profile) throw new Error('the server wrote no profile (did it exit cleanly?)');
    console.log(`${windows.length} of 200 ${method} requests slower than ${slowerThan} ms (${workloadName})`);
    analyse(join(profDir, profile), windows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`request-tail-profile failed: ${err.stack ?? err.message}`);
  process.exitCode = 1;
});
