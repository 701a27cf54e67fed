// The corpus-file scenario of `npm run bench` (issue 14): a 1,000-document file
// cut from the real corpus (hundreds of diagnostics) plus a small app file.
// Measures, over LSP:
// - first diagnostics of the big file (cold start), against the plain-parse floor;
// - keystroke -> diagnostics published for that version;
// - hover / completion / definition / references sent right after each
//   keystroke and a few ms later, so they land while the file is re-analysed
//   (each sample records whether it was answered before that version's
//   diagnostics were published, i.e. really under background work);
// - memory: RSS and heap (after a GC, via `drydock/memory`) before and after a
//   keystroke run that follows one workspace simulation (worker included).
import { coldIndex, sleep, summary } from './scenarios.mjs';
import { uriKey, uriOf } from './lsp-client.mjs';

const DELAYS_MS = [0, 1, 2, 4, 8];

async function memory(client, spec) {
  const rss = client.rssMb();
  if (!spec.memoryRequest) return { rss };
  try {
    const m = await client.request('drydock/memory', { gc: true });
    const mb = (b) => (typeof b === 'number' ? b / (1 << 20) : undefined);
    // Measured after the GC, so RSS is read again.
    return { rss: client.rssMb() ?? rss, heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), workerHeapUsed: mb(m.worker?.heapUsed), workerHeapTotal: mb(m.worker?.heapTotal), rssReported: mb(m.rss) };
  } catch {
    return { rss };
  }
}

/**
 * One server session on the corpus file. `kinds` are the requests measured
 * under load; `keys` keystrokes at most (the time budget may cut a slow server short).
 */
export async function corpusFileSession(spec, workload, { kinds, keys, budgetMs, detectMs, timeoutMs, simulate, log }) {
  const files = [workload.path, workload.small];
  const ci = await coldIndex(spec, workload.dir, files, { detectMs, timeoutMs });
  const client = ci.client;
  const bigKey = uriKey(uriOf(workload.path));
  const firstAt = client.firstPublished.get(bigKey);
  const out = { mode: ci.mode, cold: firstAt !== undefined && ci.ms !== undefined ? firstAt - ci.t0 : undefined, coldAll: ci.ms, seen: ci.seen };
  log(`${spec.name}: corpus file first diagnostics ${out.cold?.toFixed(0)} ms (${client.published.get(bigKey)?.diagnostics} diagnostics) via ${ci.mode}`);
  if (ci.ms === undefined) {
    await client.shutdown();
    return out;
  }
  if (ci.mode === 'scan') {
    const arrived = client.waitForPublish(workload.path, (r) => r.version === 1, 60_000).catch(() => undefined);
    await client.open(workload.path, workload.text);
    await arrived;
  }
  out.diagnostics = client.published.get(bigKey)?.diagnostics;

  const pos = workload.positions;
  const line = workload.text.split('\n')[pos.keystroke.line];
  const original = line[pos.keystroke.character];
  const range = { start: pos.keystroke, end: { line: pos.keystroke.line, character: pos.keystroke.character + 1 } };
  const uri = uriOf(workload.path);
  const counters = Object.fromEntries(kinds.map((k) => [k, 0]));
  const samples = Object.fromEntries(kinds.map((k) => [k, { times: [], cpu: [], answered: 0, during: 0 }]));
  const keystrokeTimes = [];
  let published = true;

  async function request(kind) {
    const list = pos[kind];
    const position = list[counters[kind]++ % list.length];
    const method = `textDocument/${kind}`;
    const params = { textDocument: { uri }, position };
    if (kind === 'references') params.context = { includeDeclaration: true };
    // Sent before this version's diagnostics were published: it competes with the re-analysis.
    const during = !published;
    const cpu0 = client.mainThreadCpuMs();
    const t = performance.now();
    const r = await client.request(method, params);
    const dt = performance.now() - t;
    const cpu1 = client.mainThreadCpuMs();
    const s = samples[kind];
    s.times.push(dt);
    if (cpu0 !== undefined && cpu1 !== undefined) s.cpu.push(cpu1 - cpu0);
    if (during) s.during++;

    const empty = r === null || r === undefined || (Array.isArray(r) && r.length === 0) || (Array.isArray(r?.items) && r.items.length === 0);
    if (!empty) s.answered++;
  }

  // One simulation first (it starts the simulation worker), so the keystroke run's memory figures include the worker.
  if (simulate) {
    const t = performance.now();
    const r = await client.request('drydock/simulate', { scope: 'workspace' }).catch((e) => ({ error: String(e?.message ?? e) }));
    out.simulateMs = performance.now() - t;
    if (r?.error) log(`${spec.name}: simulation: ${r.error}`);
    out.memAfterSim = await memory(client, spec);
  }

  // Warm-up: each request once, outside the figures.
  for (const k of kinds) {
    await request(k);
    samples[k] = { times: [], cpu: [], answered: 0, during: 0 };
  }

  const started = performance.now();
  let i = 0;
  let memWarm;
  for (; i < keys && (i < 5 || performance.now() - started < budgetMs); i++) {
    if (i === Math.min(20, keys - 1)) memWarm = await memory(client, spec);
    const ch = i % 2 === 0 ? 'x' : original;
    const t = performance.now();
    let v;
    published = false;
    const arrived = client.waitForPublish(workload.path, (rec) => rec.time > t && (rec.version === undefined || rec.version === v), 60_000).then((at) => {
      published = true;
      return at;
    });
    v = client.edit(workload.path, range, ch);
    await request(kinds[(2 * i) % kinds.length]);
    await sleep(DELAYS_MS[i % DELAYS_MS.length]);
    await request(kinds[(2 * i + 1) % kinds.length]);
    let at;
    try {
      at = await arrived;
    } catch {
      // No publish within the timeout (an overloaded peer): the series ends with the samples so far.
      out.timedOut = true;
      i++;
      break;
    }
    keystrokeTimes.push(at - t);
    await sleep(10);
  }
  if (i % 2 === 1) {
    const arrived = client.waitForPublish(workload.path, () => true, 60_000).catch(() => undefined);
    client.edit(workload.path, range, original);
    await arrived;
  }
  out.keystrokes = i;
  out.keystroke = summary(keystrokeTimes);
  for (const k of kinds) out[k] = { ...summary(samples[k].times), answered: samples[k].answered, during: samples[k].during, cpu: samples[k].cpu.length > 0 ? summary(samples[k].cpu) : undefined };
  out.memWarm = memWarm;
  out.memAfterKeys = await memory(client, spec);
  log(`${spec.name}: corpus file ${i} keystrokes p50 ${out.keystroke.p50?.toFixed(1)} p99 ${out.keystroke.p99?.toFixed(1)} ms; ${kinds.map((k) => `${k} p99 ${out[k].p99?.toFixed(1)} cpu p99 ${out[k].cpu?.p99?.toFixed(1)} (${out[k].during}/${out[k].n} sent during re-analysis)`).join(', ')}`);
  out.peakRss = client.peakRssMb();
  log(`${spec.name}: corpus file memory ${JSON.stringify({ warm: out.memWarm, afterKeys: out.memAfterKeys, afterSim: out.memAfterSim, peak: out.peakRss })}`);
  await client.shutdown();
  return out;
}
