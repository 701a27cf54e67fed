// Code lenses, selector hover and workspace symbols over LSP, on the shared fixture.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { positionOf } from '../support/lsp';
import { InProcessClient } from '../support/inProcess';
import { FILES, uriOf } from '../support/xrefWorkspace';

let client: InProcessClient;
before(async () => {
  client = new InProcessClient();
  await client.initialize();
  for (const [rel, text] of Object.entries(FILES)) client.open(uriOf(rel), text);
  await client.waitForDiagnostics(uriOf('batch/cron.yaml'));
});
after(() => client.shutdown());

test('code lens on a Service selector counts pods and workloads; on workloads lists who selects them', async () => {
  const net = await client.request('textDocument/codeLens', { textDocument: { uri: uriOf('app/net.yaml') } });
  const titles = net.map((l: { command: { title: string } }) => l.command.title);
  // Deployment web (2 replicas) + CronJob nightly (1) carry app=web.
  assert.ok(titles.includes('selects 3 pods in 2 workloads'), JSON.stringify(titles));
  const svcLens = net.find((l: { command: { title: string } }) => l.command.title === 'selects 3 pods in 2 workloads');
  assert.equal(svcLens.range.start.line, positionOf(FILES['app/net.yaml'], 'app: web').line - 1, 'on the selector');
  const deploy = await client.request('textDocument/codeLens', { textDocument: { uri: uriOf('app/deploy.yaml') } });
  const t = deploy.map((l: { command: { title: string } }) => l.command.title).join(' | ');
  assert.match(t, /selected by .*Service web/);
  assert.match(t, /PodDisruptionBudget web-pdb/);
  assert.match(t, /NetworkPolicy allow-front/);
});

test('lenses carry commands: show the matched templates or the selecting objects, and simulate the workload file', async () => {
  const net = await client.request('textDocument/codeLens', { textDocument: { uri: uriOf('app/net.yaml') } });
  const svcLens = net.find((l: { command: { title: string } }) => l.command.title === 'selects 3 pods in 2 workloads');
  assert.equal(svcLens.command.command, 'drydock.showReferences');
  const [lensUri, , locations] = svcLens.command.arguments;
  assert.equal(lensUri, uriOf('app/net.yaml'));
  const targetFiles = locations.map((l: { uri: string }) => l.uri).sort();
  assert.deepEqual(targetFiles, [uriOf('app/deploy.yaml'), uriOf('batch/cron.yaml')].sort(), 'the two workloads the selector matches');

  const deploy = await client.request('textDocument/codeLens', { textDocument: { uri: uriOf('app/deploy.yaml') } });
  const selectedBy = deploy.find((l: { command: { title: string } }) => l.command.title.startsWith('selected by'));
  assert.equal(selectedBy.command.command, 'drydock.showReferences');
  assert.ok(selectedBy.command.arguments[2].some((l: { uri: string }) => l.uri === uriOf('app/net.yaml')), 'points at the Service in net.yaml');
  const simulate = deploy.filter((l: { command: { command: string } }) => l.command.command === 'drydock.simulateApply');
  assert.ok(simulate.length >= 1, 'a "Simulate apply" lens above the workload');
  assert.deepEqual(simulate[0].command.arguments, [uriOf('app/deploy.yaml')]);
  const netSimulate = net.filter((l: { command: { command: string } }) => l.command.command === 'drydock.simulateApply');
  assert.equal(netSimulate.length, 1, 'net.yaml has one workload (a StatefulSet) among Services, policies and monitors');
  assert.equal(netSimulate[0].range.start.line, positionOf(FILES['app/net.yaml'], 'kind: StatefulSet').line - 1, 'above the StatefulSet');
});

test('hover on a selector lists what it matches; on a template label, what selects it', async () => {
  const p = positionOf(FILES['app/net.yaml'], 'app: web', 1);
  const h = await client.hover(uriOf('app/net.yaml'), p.line, p.character);
  const text = JSON.stringify(h);
  assert.match(text, /Service selector/);
  assert.match(text, /Deployment shop\/web \(2 pods\)/);
  assert.match(text, /CronJob shop\/nightly/);
  const q = positionOf(FILES['app/deploy.yaml'], 'tier: frontend', 1);
  const h2 = JSON.stringify(await client.hover(uriOf('app/deploy.yaml'), q.line, q.character));
  assert.match(h2, /Selected by/);
  assert.match(h2, /Service shop\/web/);
});

test('workspace symbols find objects by name across files', async () => {
  const syms = await client.request('workspace/symbol', { query: 'web-pro' });
  const names = syms.map((s: { name: string }) => s.name).sort();
  assert.deepEqual(names, ['web-proj', 'web-proj-secret']);
  const s = syms.find((x: { name: string }) => x.name === 'web-proj');
  assert.equal(s.location.uri, uriOf('app/config.yaml'));
  assert.equal(s.containerName, 'ConfigMap · shop');
  const fuzzy = await client.request('workspace/symbol', { query: 'ngnxcls' });
  assert.ok(fuzzy.some((x: { name: string }) => x.name === 'nginx-class'));
});
