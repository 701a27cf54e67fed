// The shipped server and CLI never touch the network, and the only process they
// start is the user's Kustomize engine (`kubectl kustomize` / `kustomize build`),
// from server/src/model/kustomizeEngine.ts, in trusted workspaces.
//
// Statically: dist/server.js and dist/cli.js may contain such APIs only where a
// bundled library puts them and our usage cannot reach them:
//  - require("net") in vscode-jsonrpc/lib/node/main.js: the socket and named-pipe
//    transports, used only for --socket/--pipe (Drydock is started with --stdio);
//  - require("child_process") in vscode-languageserver/lib/node/files.js: the
//    `Files.resolveGlobalNodePath/resolveModulePath` helpers (spawn npm/yarn to
//    find global modules), which our code never calls (checked below);
//  - require("child_process") in server/src/model/kustomizeEngine.ts: execFile
//    of the Kustomize engine, nothing else (its source is checked below);
// Code use is matched (`new WebSocket`, `fetch(`), not the word "WebSocket" that
// field descriptions in the bundled Kubernetes schema contain.
// Dynamically: the server and CLI run with every such API trapped (network-guard.cjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient, positionOf } from '../support/lsp';
import { needsEngine } from '../support/kustomizeEngine';
import { PROBE_TEXT, REPO_ROOT } from './inputs';
import { requireDist } from '../support/shared';

const GUARD = join(__dirname, 'support/network-guard.cjs');
/** Code that uses a network/process API (descriptions in the bundled schema may mention "WebSocket" as a word). */
const FORBIDDEN = /require\(["'](?:node:)?(http|https|http2|net|tls|dgram|child_process)["']\)|\bnew\s+WebSocket\b|\bWebSocket\s*\(|(?<![\w$.])fetch\s*\(/g;
/**
 * The known library references, recognised by esbuild's `// path` module marker
 * (plain build) or, in a minified build, by the library's own export names
 * nearby (property names survive minification).
 */
const ALLOWED: Array<{ api: string; module: RegExp; signature: RegExp }> = [
  { api: 'net', module: /^node_modules\/vscode-jsonrpc\/lib\/node\/main\.js$/, signature: /generateRandomPipeName|createServerPipeTransport/ },
  { api: 'child_process', module: /^node_modules\/vscode-languageserver\/lib\/node\/files\.js$/, signature: /resolveGlobalNodePath/ },
  { api: 'child_process', module: /^server\/src\/model\/kustomizeEngine\.ts$/, signature: /LoadRestrictionsRootOnly/ },
];
/** The one module of ours that may start a process. */
const ENGINE_RUNNER = 'server/src/model/kustomizeEngine.ts';

interface Occurrence {
  api: string;
  module: string;
  offset: number;
  allowed: boolean;
}

/** Every forbidden API use in a bundle, with the bundled module it sits in and whether it is a known library reference. */
function occurrences(bundle: string): Occurrence[] {
  // A symlinked node_modules (worktrees) makes esbuild name modules `../../main/node_modules/...`.
  const markers = [...bundle.matchAll(/^\/\/ ((?:\.\.\/)*(?:[\w.-]+\/)?(?:node_modules|server|client|scripts)\/\S+)$/gm)].map((m) => ({ at: m.index!, module: m[1].replace(/^(?:\.\.\/)+[\w.-]+\/(?=node_modules\/)/, '') }));
  const out: Occurrence[] = [];
  for (const m of bundle.matchAll(FORBIDDEN)) {
    const api = m[1] ?? (/fetch/.test(m[0]) ? 'fetch' : 'WebSocket');
    let module = '(minified or prelude)';
    for (const mk of markers) if (mk.at < m.index!) module = mk.module;
    const window = bundle.slice(Math.max(0, m.index! - 3000), m.index! + 3000);
    const allowed = ALLOWED.some((a) => a.api === api && (a.module.test(module) || (markers.length === 0 && a.signature.test(window))));
    out.push({ api, module, offset: m.index!, allowed });
  }
  return out;
}

for (const name of ['server.js', 'cli.js']) {
  test(`dist/${name} references network/process APIs only in the known unreachable library modules`, (t) => {
    const path = requireDist(name);
    const found = occurrences(readFileSync(path, 'utf8'));
    const unexpected = found.filter((o) => !o.allowed);
    assert.deepEqual(unexpected, [], `unexpected network/process APIs in dist/${name}`);
    t.diagnostic(`allowed occurrences: ${[...new Set(found.map((o) => `${o.api} in ${o.module}`))].join('; ') || 'none'}`);
  });
}

test('our own server sources never import network or process modules (the Kustomize runner excepted), nor the Files helpers', () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts')) {
        const src = readFileSync(p, 'utf8');
        if (p.slice(REPO_ROOT.length + 1).split('\\').join('/') === ENGINE_RUNNER) continue;
        const bad = /from ['"](?:node:)?(http|https|http2|net|tls|dgram|child_process|dns)['"]|require\(['"](?:node:)?(http|https|net|tls|dgram|child_process)['"]\)|\bfetch\(|\bnew WebSocket\b|\bFiles\.(resolve|resolveGlobalNodePath|resolveModulePath)\b/.exec(src);
        if (bad) offenders.push(`${p.slice(REPO_ROOT.length + 1)}: ${bad[0]}`);
      }
    }
  };
  walk(join(REPO_ROOT, 'server/src'));
  assert.deepEqual(offenders, []);
});

test('the Kustomize runner starts only the engine: execFile without a shell, no plugin/exec/helm flags, no network imports', () => {
  const src = readFileSync(join(REPO_ROOT, ENGINE_RUNNER), 'utf8');
  const imports = [...src.matchAll(/^import .* from ['"]([^'"]+)['"];$/gm)].map((m) => m[0]);
  assert.ok(imports.includes("import { execFile } from 'node:child_process';"), 'execFile is the only child_process import');
  assert.equal(imports.filter((i) => /child_process/.test(i)).length, 1);
  assert.doesNotMatch(src, /(?<![.\w])(spawn|spawnSync|exec|execSync|execFileSync|fork)\s*\(/, 'no other process API');
  assert.equal([...src.matchAll(/\bexecFile\(/g)].length, 1, 'one call site');
  assert.match(src, /shell: false/);
  assert.doesNotMatch(src, /'--enable-(alpha-plugins|exec|helm)'/, 'never enables plugins, exec functions or helm');
  assert.match(src, /'--load-restrictor', 'LoadRestrictionsRootOnly'/);
  assert.doesNotMatch(src, /from ['"](?:node:)?(http|https|http2|net|tls|dgram|dns)['"]/);
});

test('at runtime the server never calls a network or process API (all trapped)', async () => {
  requireDist('server.js');
  const saved = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${saved ?? ''} --require ${GUARD}`.trim();
  let client: TestClient;
  try {
    client = new TestClient();
  } finally {
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
  }
  try {
    await client.initialize(join(REPO_ROOT, 'examples'));
    const uri = 'file:///tmp/drydock-guard/deploy.yaml';
    client.open(uri, PROBE_TEXT);
    await client.waitForDiagnostics(uri);
    const pos = positionOf(PROBE_TEXT, 'replicas', 2);
    assert.ok(await client.hover(uri, pos.line, pos.character), 'hover answered under the guard');
    await client.completion(uri, pos.line, 2);
    // The simulation request (when offered) runs in-process too; an unknown-method error is fine here.
    await client.request('drydock/simulate', {});
    await client.request('textDocument/references', { textDocument: { uri }, position: pos, context: { includeDeclaration: true } });
    await new Promise((r) => setTimeout(r, 300));
    const err = client.stderr.join('');
    assert.doesNotMatch(err, /DRYDOCK-GUARD/, err);
    assert.equal(client.proc.exitCode, null);
  } finally {
    await client.shutdown();
  }
});

test('at runtime `drydock check` and `drydock simulate` never call a network or process API', () => {
  const cli = requireDist('cli.js');
  const target = join(REPO_ROOT, 'examples');
  for (const command of ['check', 'simulate']) {
    const r = spawnSync(process.execPath, ['--require', GUARD, cli, command, target], { encoding: 'utf8', timeout: 30_000 });
    assert.doesNotMatch(`${r.stdout}${r.stderr}`, /DRYDOCK-GUARD/, `drydock ${command}`);
    assert.ok(r.status !== null && r.status <= 2, `drydock ${command} exited normally (status ${r.status})`);
  }
});

test('at runtime, with Kustomize overlays, the only process is the engine (trusted server and CLI)', async (t) => {
  const cli = requireDist('cli.js');
  if (!needsEngine(t)) return;
  const shop = join(REPO_ROOT, 'test/fixtures/kustomize/shop');
  for (const args of [['check', shop], ['simulate', join(shop, 'overlays/prod')]]) {
    const r = spawnSync(process.execPath, ['--require', GUARD, cli, ...args], { encoding: 'utf8', timeout: 60_000 });
    assert.doesNotMatch(`${r.stdout}${r.stderr}`, /DRYDOCK-GUARD/, `drydock ${args[0]}`);
    assert.match(r.stderr, /DRYDOCK-ENGINE: (kubectl kustomize|kustomize build) /, `drydock ${args[0]} rendered through the engine`);
    assert.equal(r.status, 0, `drydock ${args[0]}: ${r.stderr}`);
  }
  const saved = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${saved ?? ''} --require ${GUARD}`.trim();
  let client: TestClient;
  try {
    client = new TestClient();
  } finally {
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
  }
  try {
    await client.initialize(shop, { workspaceTrusted: true });
    for (let i = 0; i < 100 && !/DRYDOCK-ENGINE/.test(client.stderr.join('')); i++) await new Promise((r) => setTimeout(r, 100));
    await client.request('drydock/simulate', { scope: 'overlay', overlay: pathToFileURL(join(shop, 'overlays/prod')).toString() });
    const err = client.stderr.join('');
    assert.match(err, /DRYDOCK-ENGINE/);
    assert.doesNotMatch(err, /DRYDOCK-GUARD/, err);
  } finally {
    await client.shutdown();
  }
});
