// Engine discovery, the "not rendered" paths (no engine, untrusted, remote bases)
// and kustomize's error text. No engine is run here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createFeatureContext } from '../../server/src/features/services';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { isRemoteEntry, kustomizationGraph, readKustomization } from '../../server/src/model/kustomize';
import { engineErrorText, findKustomizeEngine, runKustomizeBuild } from '../../server/src/model/kustomizeEngine';
import { KustomizeModel } from '../../server/src/model/kustomizeModel';
import { Workspace } from '../../server/src/model/workspace';

const SHOP = resolve(__dirname, '../fixtures/kustomize/shop');
const CLI = resolve(__dirname, '../../dist/cli.js');

function fakeBin(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const p = join(dir, name);
  writeFileSync(p, '#!/bin/sh\nexit 1\n');
  chmodSync(p, 0o755);
  return p;
}

test('engine discovery: the setting, then kustomize, then kubectl on PATH; relative PATH entries never', { skip: process.platform === 'win32' }, () => {
  const root = mkdtempSync(join(tmpdir(), 'drydock-engine-'));
  const kubectl = fakeBin(join(root, 'a'), 'kubectl');
  const kustomize = fakeBin(join(root, 'b'), 'kustomize');
  const custom = fakeBin(join(root, 'c'), 'kubectl');
  assert.deepEqual(findKustomizeEngine(undefined, [join(root, 'a'), join(root, 'b')].join(delimiter)).engine, { command: kustomize, subcommand: ['build'], origin: 'kustomize on PATH' });
  assert.deepEqual(findKustomizeEngine(undefined, join(root, 'a')).engine?.subcommand, ['kustomize']);
  assert.equal(findKustomizeEngine(undefined, join(root, 'a')).engine?.command, kubectl);
  assert.equal(findKustomizeEngine(custom, join(root, 'b')).engine?.command, custom);
  assert.match(String((findKustomizeEngine(join(root, 'nope'), '') as { reason: string }).reason), /not an executable file/);
  assert.match(String((findKustomizeEngine(undefined, `a${delimiter}b`) as { reason: string }).reason), /neither kustomize nor kubectl/);
});

test('without an engine or trust: a hint on kustomization files, the raw judgement of the base', () => {
  const workspace = new Workspace();
  for (const rel of ['base/deployment.yaml', 'overlays/prod/kustomization.yaml']) {
    const path = join(SHOP, rel);
    workspace.set(pathToFileURL(path).toString(), readFileSync(path, 'utf8'));
  }
  for (const [model, pattern] of [
    [new KustomizeModel({ trusted: true, pathValue: '' }), /neither kustomize nor kubectl.*Install kubectl/],
    [new KustomizeModel({ trusted: false }), /not trusted \(Restricted Mode\)/],
  ] as const) {
    const ctx = createFeatureContext(workspace);
    ctx.kustomize = model;
    const k = computeDiagnostics(ctx, workspace.get(pathToFileURL(join(SHOP, 'overlays/prod/kustomization.yaml')).toString())!);
    assert.ok(k.some((d) => d.code === 'kustomize-not-rendered' && pattern.test(String(d.message))), JSON.stringify(k));
    const base = computeDiagnostics(ctx, workspace.get(pathToFileURL(join(SHOP, 'base/deployment.yaml')).toString())!);
    assert.ok(base.some((d) => /selector/.test(String(d.message))), 'raw base judged raw');
  }
});

test('drydock check without an engine says so once and checks the raw files', () => {
  const r = spawnSync(process.execPath, [CLI, 'check', SHOP], { encoding: 'utf8', env: { PATH: '' } });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr.match(/Kustomize overlays are not rendered/g)?.length, 1, r.stderr);
  assert.match(r.stdout, /base\/deployment\.yaml:\d+:\d+: error: .*selector/);
});

test('remote bases, helm charts and plugins are never rendered; Components are not overlays', () => {
  for (const e of ['https://github.com/org/repo//base?ref=v1', 'github.com/org/repo/base', 'git@github.com:org/repo.git', 'ssh://git@host/x.git//y']) assert.ok(isRemoteEntry(e), e);
  for (const e of ['../base', 'deployment.yaml', 'ref-docs/']) assert.ok(!isRemoteEntry(e), e);
  const dir = mkdtempSync(join(tmpdir(), 'drydock-kust-'));
  const write = (rel: string, text: string) => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  write('remote/kustomization.yaml', 'resources:\n  - https://github.com/org/repo//base?ref=v1\n');
  write('helm/kustomization.yaml', 'helmCharts:\n  - name: x\n');
  write('plugin/kustomization.yaml', 'generators:\n  - gen.yaml\n');
  write('comp/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n');
  assert.match(String(readKustomization(join(dir, 'remote/kustomization.yaml')).unsupported), /never fetches over the network/);
  assert.match(String(readKustomization(join(dir, 'helm/kustomization.yaml')).unsupported), /--enable-helm/);
  assert.match(String(readKustomization(join(dir, 'plugin/kustomization.yaml')).unsupported), /plugins/);
  const g = kustomizationGraph(['remote', 'helm', 'plugin', 'comp'].map((d) => join(dir, d, 'kustomization.yaml')));
  assert.deepEqual(g.overlays.map((d) => d.slice(dir.length + 1)), ['helm', 'plugin', 'remote']);
});

test("kustomize's error text without klog framing, usage text or the wrapper", () => {
  const stderr = `# Warning: 'patchesStrategicMerge' is deprecated.\nE1204 15:15:21.318158   19368 run.go:72] "command failed" err="accumulating resources: \\"x\\" missing"\n`;
  assert.equal(engineErrorText(stderr), `accumulating resources: "x" missing\nWarning: 'patchesStrategicMerge' is deprecated.`);
  assert.equal(engineErrorText('Error: boom\nUsage:\n  kustomize build [flags]\n'), 'boom');
});

test('each engine run gets its own empty HOME and XDG_CONFIG_HOME, removed afterwards (no global kustomize plugins)', { skip: process.platform === 'win32' }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'drydock-engine-env-'));
  const engine = join(root, 'kustomize');
  // Prints what a kustomize plugin lookup would see, and leaves a file behind in HOME.
  writeFileSync(engine, '#!/bin/sh\necho "HOME=$HOME"\necho "XDG=$XDG_CONFIG_HOME"\necho "KUBECONFIG=$KUBECONFIG"\necho "FILES=$(ls -A "$HOME" | tr \'\\n\' \' \')"\necho "MARKER=$DRYDOCK_TEST_MARKER"\ntouch "$HOME/left-behind"\n');
  chmodSync(engine, 0o755);
  process.env.DRYDOCK_TEST_MARKER = 'from the server process';
  const run = async () => {
    const out = await runKustomizeBuild({ command: engine, subcommand: ['build'], origin: 'test' }, { dir: root });
    assert.ok(out.ok, JSON.stringify(out));
    return Object.fromEntries(out.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).trim()]));
  };
  const first = await run();
  const second = await run();
  assert.notEqual(first.HOME, second.HOME, 'a new HOME per run');
  for (const env of [first, second]) {
    assert.match(env.HOME, /drydock-kustomize-home-/);
    assert.equal(env.XDG, join(env.HOME, '.config'));
    assert.equal(env.KUBECONFIG, join(env.HOME, 'no-kubeconfig'));
    assert.equal(env.FILES, '.config', 'HOME holds only the empty config directory (nothing from an earlier run)');
    assert.equal(env.MARKER, '', 'no variable of the server process is passed on');
    assert.equal(existsSync(env.HOME), false, 'removed after the run');
  }
});
