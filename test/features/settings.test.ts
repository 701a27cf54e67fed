// Settings are untrusted input: every `drydock.*` setting sent with a wrong
// type or value is reported once (Output channel + a warning notification)
// and its default is used; validation and the simulation keep working.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../server/src/features/context';
import { readSettings } from '../../server/src/features/settings';
import { InProcessClient } from '../support/inProcess';

/** Every setting of package.json's contributes.configuration, each with a wrong type. */
const WRONG_TYPES = {
  kubernetesVersion: 1.3,
  files: { exclude: 'charts/**' },
  simulation: { nodes: '3', nodeCpu: 4, nodeMemory: ['16Gi'], nodePods: true, strictNamespaces: 'yes' },
  trace: { server: 42 },
  kustomize: { path: 7, enabled: 'yes' },
};
const ALL_SETTINGS = [
  'drydock.kubernetesVersion',
  'drydock.files.exclude',
  'drydock.simulation.nodes',
  'drydock.simulation.nodeCpu',
  'drydock.simulation.nodeMemory',
  'drydock.simulation.nodePods',
  'drydock.simulation.strictNamespaces',
  'drydock.trace.server',
  'drydock.kustomize.path',
  'drydock.kustomize.enabled',
];

test('the wrong-type cases cover every setting package.json contributes', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, unknown> } } };
  assert.deepEqual([...ALL_SETTINGS].sort(), Object.keys(manifest.contributes.configuration.properties).sort());
});

/** The defaults as read: package.json's defaults of every setting, including the optional Kustomize group. */
const DEFAULTS = { ...DEFAULT_SETTINGS, kustomize: { path: '', enabled: true } };

const PDB = `apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels: {app: web}
`;

test('readSettings: each wrong type gives the default and a message naming the setting, value and default', () => {
  const { settings, problems } = readSettings(WRONG_TYPES, DEFAULT_SETTINGS);
  assert.deepEqual(settings, DEFAULTS);
  assert.deepEqual(problems.map((p) => p.setting).sort(), [...ALL_SETTINGS].sort());
  const version = problems.find((p) => p.setting === 'drydock.kubernetesVersion');
  assert.equal(version?.message, 'Setting drydock.kubernetesVersion: expected a Kubernetes minor version as a string, such as "1.36", got the number 1.3; using the default "1.36".');
  // Out-of-range and malformed values are bad values too.
  const range = readSettings({ kubernetesVersion: '2.0', simulation: { nodes: 0, nodeCpu: 'lots', nodeMemory: '-1Gi', nodePods: 1.5 } }, DEFAULT_SETTINGS);
  assert.deepEqual(range.settings, DEFAULTS);
  assert.equal(range.problems.length, 5);
  // Good values are taken; settings not sent keep their current value.
  const good = readSettings({ kubernetesVersion: '1.30', simulation: { nodes: 5, nodeCpu: '3500m' } }, { ...DEFAULT_SETTINGS, filesExclude: ['x/**'] });
  assert.deepEqual(good.problems, []);
  assert.deepEqual(good.settings, { ...DEFAULTS, kubernetesVersion: '1.30', filesExclude: ['x/**'], simulation: { ...DEFAULT_SETTINGS.simulation, nodes: 5, nodeCpu: '3500m' } });
  // A section that is not an object keeps the current settings.
  assert.equal(readSettings('1.36', DEFAULT_SETTINGS).problems[0]?.setting, 'drydock');
  assert.deepEqual(readSettings(null, DEFAULT_SETTINGS), { settings: DEFAULT_SETTINGS, problems: [] });
});

/** An in-process client whose editor answers workspace/configuration with `section()`, as VS Code does. */
async function clientWithConfiguration(section: () => unknown): Promise<InProcessClient> {
  const client = new InProcessClient();
  client.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => section()));
  await client.conn.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true } } });
  await client.conn.sendNotification('initialized', {});
  return client;
}

const warnings = (client: InProcessClient) =>
  client.notifications.filter((n) => n.method === 'window/showMessage' && (n.params as { type: number }).type === 2).map((n) => (n.params as { message: string }).message);

async function until(what: string, ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('wrong types for every setting: one warning each, defaults in force, no internal-error diagnostics', async () => {
  let section: unknown = WRONG_TYPES;
  const client = await clientWithConfiguration(() => section);
  try {
    await until('a warning per setting', () => warnings(client).length >= ALL_SETTINGS.length);
    const shown = warnings(client);
    for (const setting of ALL_SETTINGS) assert.equal(shown.filter((m) => m.includes(`Setting ${setting}:`)).length, 1, `${setting}: ${JSON.stringify(shown)}`);
    assert.ok(shown.every((m) => m.startsWith('Drydock: ')));
    // The same lines are in the Output channel (window/logMessage).
    assert.ok(client.stderr.join('').includes('Setting drydock.kubernetesVersion: expected a Kubernetes minor version'), client.stderr.join(''));

    // Validation runs with the default version: the removed policy/v1beta1 is an error, and nothing is an internal error.
    const uri = 'file:///settings/pdb.yaml';
    client.open(uri, PDB);
    const diags: Diagnostic[] = await client.waitForDiagnostics(uri, (d) => d.some((x) => /policy\/v1beta1/.test(String(x.message))));
    assert.equal(diags.find((d) => /policy\/v1beta1/.test(String(d.message)))?.severity, 1);
    assert.ok(!diags.some((d) => d.code === 'internal-error'), JSON.stringify(diags));
    // The simulation uses the default cluster.
    const sim = await client.request<{ cluster: unknown }>('drydock/simulate', { scope: 'workspace' });
    const { nodes, nodeCpu, nodeMemory, nodePods } = DEFAULT_SETTINGS.simulation;
    assert.deepEqual(sim.cluster, { nodes, nodeCpu, nodeMemory, nodePods });

    // Reading the same bad settings again reports nothing new; a different bad value is reported.
    const before = warnings(client).length;
    section = { ...WRONG_TYPES, kubernetesVersion: 'latest' };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await until('the new bad value', () => warnings(client).length > before);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(warnings(client).slice(before), ['Drydock: Setting drydock.kubernetesVersion: expected a Kubernetes minor version as a string, such as "1.36", got the string "latest"; using the default "1.36".']);
  } finally {
    await client.shutdown();
  }
});

test('wrong types in initializationOptions are reported the same way', async () => {
  const client = new InProcessClient();
  try {
    await client.initialize(undefined, { settings: { kubernetesVersion: 1.22, filesExclude: [1], simulation: { nodes: -1 } } });
    await until('three warnings', () => warnings(client).length >= 3);
    assert.deepEqual(
      warnings(client).map((m) => /Setting (\S+):/.exec(m)?.[1]),
      ['drydock.kubernetesVersion', 'drydock.files.exclude', 'drydock.simulation.nodes'],
    );
    const uri = 'file:///settings/init-pdb.yaml';
    client.open(uri, PDB);
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => /policy\/v1beta1/.test(String(x.message))));
    assert.ok(!diags.some((d) => d.code === 'internal-error'));
  } finally {
    await client.shutdown();
  }
});
