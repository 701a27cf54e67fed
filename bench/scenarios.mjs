// Benchmark scenarios, each measured over LSP against a real server process:
// cold index (all files diagnosed), keystroke re-analysis, request latency.
import { readFileSync } from 'node:fs';
import { BenchClient, readText, uriKey, uriOf } from './lsp-client.mjs';

/**
 * How the VS Code client starts the server (client/src/serverProcess.json, read by
 * client/src/serverProcess.ts): its V8 flags. The bench starts it the same way, so
 * it measures the process users get.
 */
export const SERVER_PROCESS = JSON.parse(readFileSync(new URL('../client/src/serverProcess.json', import.meta.url), 'utf8'));

/** BenchClient options of a Drydock server started as the client starts it, plus `nodeArgs`. */
export function drydockProcess(nodeArgs = []) {
  return { nodeArgs: [...SERVER_PROCESS.nodeFlags, ...nodeArgs] };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function percentile(values, q) {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export function summary(values) {
  return { n: values.length, p50: percentile(values, 0.5), p99: percentile(values, 0.99), max: percentile(values, 1) };
}

/** Line/character of the `occurrence`-th `needle` in `text`, plus `delta` characters. */
export function positionOf(text, needle, delta = 0, occurrence = 0) {
  let idx = -1;
  for (let i = 0; i <= occurrence; i++) {
    idx = text.indexOf(needle, idx + 1);
    if (idx < 0) throw new Error(`'${needle}' (#${occurrence}) not found`);
  }
  idx += delta;
  const before = text.slice(0, idx);
  const line = before.split('\n').length - 1;
  return { line, character: idx - before.lastIndexOf('\n') - 1 };
}

/**
 * Starts a server and measures the time from `initialized` until diagnostics
 * have been published for every file. A server that indexes the workspace
 * folder itself (startup scan) is detected by diagnostics arriving without any
 * didOpen; otherwise every file is opened with didOpen (texts read beforehand).
 */
export async function coldIndex(spec, root, files, { detectMs = 5000, timeoutMs = 240_000 } = {}) {
  const texts = files.map((f) => readText(f));
  const keys = new Set(files.map((f) => uriKey(uriOf(f))));
  const client = spec.start();
  await client.initialize(root, spec.initOptions);
  let t0 = performance.now();
  if (spec.prepare) {
    await spec.prepare(client);
    t0 = performance.now();
  }
  let mode = 'didOpen';
  if (spec.mayScan) {
    if (await client.waitForFirst(keys, detectMs)) mode = 'scan';
  }
  let result;
  if (mode === 'scan') {
    result = await client.waitForAll(keys, t0, { timeoutMs, quietMs: 10_000 });
  } else {
    t0 = performance.now();
    for (let i = 0; i < files.length; i++) void client.open(files[i], texts[i]);
    result = await client.waitForAll(keys, t0, { timeoutMs });
  }
  const ms = result.last - t0;
  return { client, t0, mode, ms: result.complete ? ms : undefined, partialMs: result.complete ? undefined : ms, seen: result.seen, files: files.length, texts };
}

/**
 * Types one character at `position` (alternating between `alt` and the original
 * character) and measures didChange -> publishDiagnostics for that version.
 */
export async function keystrokes(client, path, text, position, { iterations, alt = 'x', gapMs = 10, budgetMs = 30_000 }) {
  const offsetLine = text.split('\n')[position.line];
  const original = offsetLine[position.character];
  const range = { start: position, end: { line: position.line, character: position.character + 1 } };
  const times = [];
  const start = performance.now();
  let timedOut = false;
  let i = 0;
  // A slow server gets fewer samples (at least 5) rather than stretching the whole bench.
  for (; i < iterations && (i < 5 || performance.now() - start < budgetMs); i++) {
    const ch = i % 2 === 0 ? alt : original;
    const t = performance.now();
    let v;
    const arrived = client.waitForPublish(path, (rec) => rec.time > t && (rec.version === undefined || rec.version === v), 30_000);
    v = client.edit(path, range, ch);
    let at;
    try {
      at = await arrived;
    } catch {
      // A server that does not publish within the timeout ends the series; the samples so far count.
      timedOut = true;
      i++;
      break;
    }
    times.push(at - t);
    await sleep(gapMs);
  }
  // Leave the document as it was.
  if (i % 2 === 1) {
    const arrived = client.waitForPublish(path, () => true, 30_000).catch(() => undefined);
    client.edit(path, range, original);
    await arrived;
  }
  return { ...summary(times), timedOut };
}

/** Sequential request round-trips over `positions` (cycled), after a short warm-up. */
export async function requestLatency(client, method, path, positions, { iterations, warmup = 3 }) {
  const uri = uriOf(path);
  const times = [];
  let answered = 0;
  for (let i = -warmup; i < iterations; i++) {
    const position = positions[((i % positions.length) + positions.length) % positions.length];
    const params = { textDocument: { uri }, position };
    if (method === 'textDocument/references') params.context = { includeDeclaration: true };
    const t = performance.now();
    const r = await client.request(method, params);
    const dt = performance.now() - t;
    if (i < 0) continue;
    times.push(dt);
    const empty = r === null || r === undefined || (Array.isArray(r) && r.length === 0) || (Array.isArray(r?.items) && r.items.length === 0);
    if (!empty) answered++;
  }
  return { ...summary(times), answered };
}

/** DRYDOCK_BENCH_NODE_ARGS: more node flags for the Drydock server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it under the bench. */
function extraNodeArgs() {
  return (process.env.DRYDOCK_BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}

/** Server specs: how to start and configure each server. */
export function drydockSpec(serverJs) {
  // --expose-gc only lets `drydock/memory` collect garbage before reporting the heap (the bench's memory figures).
  return { name: 'drydock', mayScan: true, memoryRequest: true, start: () => new BenchClient(serverJs, ['--stdio'], drydockProcess(['--expose-gc', ...extraNodeArgs()])) };
}

export function yamlLanguageServerSpec(binJs, schemaPath) {
  const settings = {
    schemas: { [uriOf(schemaPath)]: ['*.yaml', '*.yml'] },
    schemaStore: { enable: false },
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
  };
  return {
    name: 'yaml-language-server',
    mayScan: false,
    initOptions: { configurationCapability: true },
    start: () =>
      new BenchClient(binJs, ['--stdio'], {
        configuration: (items) => items.map((it) => (it.section === 'yaml' ? settings : it.section === 'http' ? { proxyStrictSSL: false } : {})),
      }),
    // yaml-language-server pulls its settings on didChangeConfiguration; wait until it has.
    prepare: async (client) => {
      await client.notify('workspace/didChangeConfiguration', { settings: {} });
      await sleep(300);
    },
  };
}
