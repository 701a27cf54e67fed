// In-process profile of the corpus-file workload (no LSP): where the cold start
// and a keystroke's time goes, phase by phase, with the same functions the
// server runs. Figures are CPU milliseconds of this thread. `node bench/publish-profile.mjs [--cpu-prof]` (see README, Performance).
import { readFileSync } from 'node:fs';
import { Workspace } from '../server/src/model/workspace';
import { computeDiagnostics, diagnosticProviders } from '../server/src/features/diagnostics';
import { createFeatureContext } from '../server/src/features/services';
import { parseFile } from '../server/src/model/parse';
import { parseAllDocuments } from 'yaml';
import { encodeMessage } from '../server/src/publishEncoder';

const publishMessage = (uri: string, diagnostics: unknown[]) => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, diagnostics, version: 1 } });

export interface ProfileOptions {
  path: string;
  keystroke: { line: number; character: number };
  keys: number;
  log: (line: string) => void;
}

/** CPU time (user + system, ms) of `f`: unlike wall time, not inflated by other processes on a busy machine. */
function time<T>(f: () => T): [T, number] {
  const t = process.cpuUsage();
  const r = f();
  const d = process.cpuUsage(t);
  return [r, (d.user + d.system) / 1000];
}

export function runPublishProfile(o: ProfileOptions): Record<string, number> {
  const text = readFileSync(o.path, 'utf8');
  const uri = `file://${o.path}`;
  const out: Record<string, number> = {};
  // The floor (plain yaml parse), then our parse alone, each once before the measured cold start (JIT warm-up excluded from neither).
  out['cold.floor'] = time(() => parseAllDocuments(text))[1];
  out['cold.parseAlone'] = time(() => parseFile(uri, text))[1];
  const ws = new Workspace();
  const ctx = createFeatureContext(ws);
  const g = ctx.services.graph;
  const [, parse] = time(() => ws.set(uri, text, 1));
  out['cold.parse'] = parse;
  const [, index] = time(() => g.refresh());
  out['cold.index'] = index;
  const file = ws.get(uri)!;
  diagnosticProviders.forEach((p, i) => {
    const [d, ms] = time(() => p(ctx, file));
    out[`cold.provider${i}`] = ms;
    out[`cold.provider${i}.n`] = d.length;
  });
  // Second full computation: everything cached, only conversion to positions.
  const [diags, all] = time(() => computeDiagnostics(ctx, file));
  out['warm.compute'] = all;
  out.diagnostics = diags.length;
  const [, json] = time(() => encodeMessage(publishMessage(uri, diags)));
  out['warm.serialize'] = json;

  const lines = text.split('\n');
  const { line, character } = o.keystroke;
  const original = lines[line][character];
  const per: Record<string, number[]> = { parse: [], refresh: [], compute: [], serialize: [] };
  for (let i = 0; i < o.keys; i++) {
    lines[line] = lines[line].slice(0, character) + (i % 2 === 0 ? 'x' : original) + lines[line].slice(character + 1);
    const t = lines.join('\n');
    per.parse.push(time(() => ws.set(uri, t, i + 2))[1]);
    per.refresh.push(time(() => g.dependentFiles(g.refresh()))[1]);
    const [d, ms] = time(() => computeDiagnostics(ctx, ws.get(uri)!));
    per.compute.push(ms);
    per.serialize.push(time(() => encodeMessage(publishMessage(uri, d)))[1]);
  }
  // The floor again, now that the parser's code is warm like ours was.
  out['cold.floorWarm'] = time(() => parseAllDocuments(text))[1];
  for (const [k, v] of Object.entries(per)) {
    v.sort((a, b) => a - b);
    out[`key.${k}.p50`] = v[Math.floor(v.length / 2)];
    out[`key.${k}.p99`] = v[Math.ceil(v.length * 0.99) - 1];
  }
  for (const [k, v] of Object.entries(out)) o.log(`${k.padEnd(28)} ${Number.isInteger(v) ? v : v.toFixed(2)}`);
  return out;
}
