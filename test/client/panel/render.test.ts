// The Simulate Apply panel's rendering logic, without VS Code: normalising the
// server's JSON, rendering HTML (escaped, linked to sources, accessible),
// the webview document's CSP, and validation of messages from the webview.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readResponse, readSimulation, toSourceLocation } from '../../../client/src/panel/model';
import { renderPanel, esc, formatCpu, formatBytes, type PanelState } from '../../../client/src/panel/render';
import { parseWebviewMessage, addWhatIf } from '../../../client/src/panel/messages';
import { panelDocument, contentSecurityPolicy } from '../../../client/src/panel/html';
import { looksLikeKubernetes } from '../../../client/src/detect';
import type { WhatIf } from '../../../server/src/protocol';
import { event, node, pod, simulateResult, src } from '../../support/simulateResult';

const WEB = 'file:///ws/web/deployment.yaml';
const DB = 'file:///ws/db/statefulset.yaml';

/** A result in the protocol's shape (the drydock/simulate contract). */
const webOwner = { kind: 'ReplicaSet', name: 'web-abc12' };
const sample = simulateResult({
  nodes: [
    node('node-1', { allocatable: { cpu: 3800, memory: 15 * 2 ** 30, pods: 110 }, requested: { cpu: 1000, memory: 2 ** 30 }, pods: ['shop/web-abc12-x1', 'shop/web-abc12-x2'] }),
    node('node-2', { allocatable: { cpu: 3800, memory: 16106127360, pods: 110 }, requested: { cpu: 500, memory: 536870912 }, pods: ['shop/web-abc12-x3'] }),
    node('node-3', { allocatable: { cpu: 3800, memory: 30 * 2 ** 30, pods: 110 }, requested: { cpu: 4000, memory: 2 * 2 ** 30 }, taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }),
  ],
  pods: [
    pod('shop', 'web-abc12-x1', { node: 'node-1', phase: 'Running', qosClass: 'Burstable', owner: webOwner, source: src(WEB, 2) }),
    pod('shop', 'web-abc12-x2', { node: 'node-1', phase: 'Running', qosClass: 'Burstable', owner: webOwner, source: src(WEB, 2) }),
    pod('shop', 'web-abc12-x3', { node: 'node-2', phase: 'Running', qosClass: 'Burstable', owner: webOwner, source: src(WEB, 2) }),
    pod('shop', 'db-0', {
      qosClass: 'Guaranteed',
      reason: 'Unschedulable',
      message: "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.",
      owner: { kind: 'StatefulSet', name: 'db' },
      source: src(DB, 40),
    }),
  ],
  workloads: [
    { kind: 'Deployment', namespace: 'shop', name: 'web', desired: 3, ready: 3, source: src(WEB, 2) },
    { kind: 'StatefulSet', namespace: 'shop', name: 'db', desired: 1, ready: 0, source: src(DB, 40) },
  ],
  services: [{ namespace: 'shop', name: 'web', type: 'ClusterIP', clusterIP: '10.96.0.10', ports: [], endpoints: [{ pod: 'shop/web-abc12-x1', ip: '10.244.0.2', port: 8080, ready: true }], source: src(WEB, 70) }],
  persistentVolumeClaims: [{ namespace: 'shop', name: 'data-db-0', phase: 'Pending', volume: null, storageClass: 'standard', source: src(DB, 60) }],
  rollouts: [
    { namespace: 'shop', name: 'web', strategy: 'RollingUpdate', maxSurge: 1, maxUnavailable: 0, newReplicaSet: 'web-abc12', steps: [{ newReplicas: 1, oldReplicas: 3 }, { newReplicas: 3, oldReplicas: 0 }], complete: true, minReadySeconds: 0, durationSeconds: 30, stalled: null, source: src(WEB, 2) },
  ],
  rejected: [{ kind: 'Service', namespace: 'shop', name: 'bad', message: 'Service "bad" is invalid: spec.ports: Required value', source: src(WEB, 90) }],
  events: [
    event({ type: 'Warning', reason: 'FailedScheduling', object: 'pod/db-0', message: '0/3 nodes are available' }),
    event({ reason: 'Scheduled', object: 'pod/web-abc12-x1', message: 'Successfully assigned shop/web-abc12-x1 to node-1' }),
  ],
});

const state: PanelState = { scope: 'file', fileLabel: 'web/deployment.yaml', whatIfs: [] };

test('formatting', () => {
  assert.equal(formatCpu(3800), '3.8');
  assert.equal(formatCpu(500), '500m');
  assert.equal(formatCpu(4000), '4');
  assert.equal(formatBytes(15 * 2 ** 30), '15Gi');
  assert.equal(formatBytes(512 * 2 ** 20), '512Mi');
});

test('readSimulation reads the protocol result: nodes, null fields, LSP sources, workloads', () => {
  const v = readSimulation(sample);
  assert.deepEqual(v.nodes.map((n) => n.name), ['node-1', 'node-2', 'node-3']);
  assert.deepEqual(v.nodes[0].allocatable, { cpu: 3800, memory: 15 * 2 ** 30, pods: 110 });
  assert.deepEqual(v.nodes[1].requested, { cpu: 500, memory: 512 * 2 ** 20 });
  assert.deepEqual(v.nodes[2].taints, ['dedicated=db:NoSchedule']);
  assert.equal(v.pods[3].node, undefined, 'node: null means not scheduled');
  assert.deepEqual(v.pods[3].source, { uri: DB, line: 40, character: 0 });
  // The CLI's report has no LSP location: its file and 1-based line are used.
  assert.deepEqual(toSourceLocation({ file: 'file:///ws/a%20b.yaml', line: 3 }), { uri: 'file:///ws/a%20b.yaml', line: 2, character: 0 });
  assert.equal(toSourceLocation(null), undefined);
  assert.deepEqual(v.workloads.map((w) => `${w.kind}/${w.name}=${w.replicas}`), ['Deployment/web=3', 'StatefulSet/db=1']);
});

test('readResponse accepts exactly one result shape: the result, the server\'s { error }, or an error naming what is missing', () => {
  const ok = readResponse(JSON.parse(JSON.stringify(sample)));
  assert.equal(ok.kind, 'result');
  assert.deepEqual(readResponse({ error: 'file not open or not a manifest: x' }), { kind: 'error', message: 'file not open or not a manifest: x' });
  for (const bad of [null, undefined, 42, 'x', [], { nodes: 'x' }, { result: sample }, { ...sample, whatIf: undefined }]) {
    const r = readResponse(bad);
    assert.equal(r.kind, 'error', JSON.stringify(bad)?.slice(0, 80));
    assert.match(r.kind === 'error' ? r.message : '', /^Unexpected answer from the language server/);
  }
  const missing = readResponse({ nodes: [], pods: [] });
  assert.match(missing.kind === 'error' ? missing.message : '', /no workloads, services, .*whatIfMessages/);
});

test('renderPanel shows nodes with bars and their pods, Pending reasons, rejections, services, claims, rollouts, events', () => {
  const { html, locations } = renderPanel(readSimulation(sample), state);
  for (const n of ['node-1', 'node-2', 'node-3']) assert.match(html, new RegExp(`aria-label="Node ${n}"`));
  assert.match(html, /CPU: 1 \/ 3\.8 \(26%\)/);
  assert.match(html, /Pods: 2 \/ 110/);
  assert.match(html, /class="bar over"[^>]*aria-label="CPU: 4 \/ 3\.8 \(105%\)"/, 'an overcommitted node shows a red bar');
  assert.match(html, /Pending pods <span class="count">1<\/span>/);
  assert.ok(html.includes(esc("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.")));
  assert.ok(html.includes(esc('Service "bad" is invalid: spec.ports: Required value')));
  assert.match(html, /10\.244\.0\.2:8080/);
  assert.match(html, /data-db-0/);
  assert.match(html, /step 1: 1 new, 3 old/);
  assert.match(html, /FailedScheduling/);
  assert.match(html, /dedicated=db:NoSchedule/);
  // Sections are labelled landmarks; tables have column headers.
  assert.match(html, /<section class="sec" id="sec-nodes" aria-labelledby="h-nodes">/);
  assert.match(html, /<th scope="col">Endpoints<\/th>/);
  // Each distinct source gets one location; every data-loc index resolves.
  const indices = [...html.matchAll(/data-loc="(\d+)"/g)].map((m) => Number(m[1]));
  assert.ok(indices.length > 0);
  for (const i of indices) assert.ok(locations[i], `data-loc ${i} resolves`);
  assert.equal(new Set(locations.map((l) => `${l.uri}#${l.line}`)).size, locations.length);
});

test('clicking a pod, or an event about it, reveals the YAML that produced it', () => {
  const { html, locations } = renderPanel(readSimulation(sample), state);
  const locOf = (text: string): number => {
    const m = new RegExp(`data-loc="(\\d+)"[^>]*>${text.replace(/[/.]/g, '\\$&')}</button>`).exec(html);
    assert.ok(m, `a link for ${text}`);
    return Number(m![1]);
  };
  assert.deepEqual(locations[locOf('shop/db-0')], { uri: DB, line: 40, character: 0 });
  // The FailedScheduling event has no source of its own: it links to the pod's.
  assert.equal(locOf('pod/db-0'), locOf('shop/db-0'));
});

test('everything from the model is escaped', () => {
  const evil = '<img src=x onerror=alert(1)>';
  const { html } = renderPanel(
    readSimulation(
      simulateResult({
        nodes: [node(evil, { pods: [`ns/${evil}`] })],
        pods: [pod('ns', evil, { message: `"'><script>alert(2)</script>` })],
        events: [event({ type: 'Warning', reason: evil, object: evil, message: evil })],
      }),
    ),
    { ...state, fileLabel: evil, error: evil },
  );
  assert.ok(!html.includes('<img'), 'no markup from data');
  assert.ok(!html.includes('<script'), 'no script from data');
  assert.ok(html.includes('&#60;img src=x onerror=alert(1)&#62;'));
});

test('toolbar: scope radio group, reset only with what-ifs, active what-ifs listed', () => {
  const view = readSimulation(sample);
  const plain = renderPanel(view, { scope: 'workspace', whatIfs: [] }).html;
  assert.match(plain, /role="radiogroup"/);
  assert.match(plain, /value="workspace" data-key="scope-workspace" checked/);
  assert.match(plain, /data-action="reset" data-key="reset" disabled/);
  const withWhatIfs = renderPanel(view, { scope: 'file', whatIfs: [{ op: 'drain', node: 'node-1' }, { op: 'scale', kind: 'Deployment', namespace: 'shop', name: 'web', replicas: 5 }] }).html;
  assert.match(withWhatIfs, /<li>drain node-1<\/li><li>scale deployment\/web \(shop\) to 5<\/li>/);
  assert.doesNotMatch(withWhatIfs, /data-action="reset" data-key="reset" disabled/);
  assert.doesNotMatch(withWhatIfs, /whatif-messages/);
  const refused = renderPanel(view, { scope: 'file', whatIfs: [{ op: 'drain', node: 'node-1' }], whatIfMessages: ['error when evicting pods/"web-1" -n "shop": Cannot evict pod'] }).html;
  assert.match(refused, /<ul class="whatif-messages dim"[^>]*><li>error when evicting pods\/&#34;web-1&#34; -n &#34;shop&#34;: Cannot evict pod<\/li><\/ul>/);
  assert.match(withWhatIfs, /data-action="whatIf" data-op="cordon" data-node="node-2"/);
  assert.match(withWhatIfs, /data-action="scale" data-kind="StatefulSet" data-namespace="shop" data-name="db"/);
  const noResult = renderPanel(undefined, { ...state, error: 'Simulation failed: boom' }).html;
  assert.match(noResult, /role="alert">Simulation failed: boom/);
});

test('messages from the webview are validated against the current simulation', () => {
  const view = readSimulation(sample);
  assert.deepEqual(parseWebviewMessage({ type: 'reveal', loc: 2 }, view, 3), { type: 'reveal', loc: 2 });
  assert.equal(parseWebviewMessage({ type: 'reveal', loc: 3 }, view, 3), undefined);
  assert.equal(parseWebviewMessage({ type: 'reveal', loc: '1' }, view, 3), undefined);
  assert.equal(parseWebviewMessage({ type: 'reveal', uri: 'file:///etc/passwd' }, view, 3), undefined);
  assert.deepEqual(parseWebviewMessage({ type: 'scope', scope: 'workspace' }, view, 0), { type: 'scope', scope: 'workspace' });
  assert.equal(parseWebviewMessage({ type: 'scope', scope: 'cluster' }, view, 0), undefined);
  assert.deepEqual(parseWebviewMessage({ type: 'whatIf', op: 'drain', node: 'node-2' }, view, 0), { type: 'whatIf', whatIf: { op: 'drain', node: 'node-2' } });
  assert.equal(parseWebviewMessage({ type: 'whatIf', op: 'drain', node: 'node-9' }, view, 0), undefined, 'unknown node');
  assert.equal(parseWebviewMessage({ type: 'whatIf', op: 'explode', node: 'node-1' }, view, 0), undefined);
  assert.deepEqual(parseWebviewMessage({ type: 'whatIf', op: 'scale', kind: 'Deployment', namespace: 'shop', name: 'web', replicas: 5 }, view, 0), {
    type: 'whatIf',
    whatIf: { op: 'scale', kind: 'Deployment', namespace: 'shop', name: 'web', replicas: 5 },
  });
  for (const replicas of [-1, 1.5, NaN, 1e9, '5x', null]) {
    assert.equal(parseWebviewMessage({ type: 'whatIf', op: 'scale', kind: 'Deployment', namespace: 'shop', name: 'web', replicas }, view, 0), undefined, `replicas ${replicas}`);
  }
  assert.equal(parseWebviewMessage({ type: 'whatIf', op: 'scale', kind: 'Deployment', namespace: 'shop', name: 'nope', replicas: 1 }, view, 0), undefined);
  for (const junk of [null, 'ready', [], { type: 1 }, { type: 'eval', code: 'x' }]) assert.equal(parseWebviewMessage(junk, view, 0), undefined);
});

test('a cordoned node offers Uncordon instead of Cordon, and the webview may send it', () => {
  const view = readSimulation(simulateResult({ nodes: [node('node-1', { unschedulable: true }), node('node-2')] }));
  const { html } = renderPanel(view, { scope: 'workspace', whatIfs: [] });
  assert.match(html, /data-op="uncordon" data-node="node-1"/);
  assert.doesNotMatch(html, /data-op="cordon" data-node="node-1"/);
  assert.match(html, /data-op="cordon" data-node="node-2"/);
  assert.deepEqual(parseWebviewMessage({ type: 'whatIf', op: 'uncordon', node: 'node-1' }, view, 0), { type: 'whatIf', whatIf: { op: 'uncordon', node: 'node-1' } });
  assert.deepEqual(parseWebviewMessage({ type: 'whatIf', op: 'fail', node: 'node-2' }, view, 0), { type: 'whatIf', whatIf: { op: 'fail', node: 'node-2' } });
  assert.equal(parseWebviewMessage({ type: 'whatIf', op: 'failNode', node: 'node-2' }, view, 0), undefined, 'the simulator\'s internal name is not the protocol\'s');
});

test('what-ifs on the same target replace each other', () => {
  let list: WhatIf[] = [];
  list = addWhatIf(list, { op: 'scale', kind: 'Deployment', namespace: 'shop', name: 'web', replicas: 5 });
  list = addWhatIf(list, { op: 'cordon', node: 'node-1' });
  list = addWhatIf(list, { op: 'scale', kind: 'Deployment', namespace: 'shop', name: 'web', replicas: 7 });
  list = addWhatIf(list, { op: 'drain', node: 'node-1' });
  assert.deepEqual(list, [
    { op: 'cordon', node: 'node-1' },
    { op: 'scale', kind: 'Deployment', namespace: 'shop', name: 'web', replicas: 7 },
    { op: 'drain', node: 'node-1' },
  ]);
  // Uncordon replaces the cordon of the same node (and a later cordon replaces the uncordon).
  list = addWhatIf(list, { op: 'uncordon', node: 'node-1' });
  assert.deepEqual(list.map((w) => w.op), ['scale', 'drain', 'uncordon']);
  list = addWhatIf(list, { op: 'cordon', node: 'node-1' });
  assert.deepEqual(list.map((w) => w.op), ['scale', 'drain', 'cordon']);
});

test('the webview document has a strict nonce CSP and loads nothing remote', () => {
  const doc = panelDocument('https://file+.vscode-resource.vscode-cdn.net', 'N0nce123', '<main>x</main>');
  const csp = contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', 'N0nce123');
  assert.ok(doc.includes(`content="${csp}"`));
  assert.match(csp, /^default-src 'none'/);
  assert.match(csp, /script-src 'nonce-N0nce123'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  const scripts = [...doc.matchAll(/<script([^>]*)>/g)];
  assert.equal(scripts.length, 1);
  assert.match(scripts[0][1], /nonce="N0nce123"/);
  assert.match(doc, /<style nonce="N0nce123">/);
  assert.doesNotMatch(doc, /\son[a-z]+=/i, 'no inline event handlers (the CSP would block them)');
  assert.doesNotMatch(doc.replace(csp, ''), /(src|href)=["']?https?:/i, 'no remote resources');
});

test('the editor-title button shows on Kubernetes YAML only', () => {
  assert.ok(looksLikeKubernetes('# c\napiVersion: v1\nkind: Service\n'));
  assert.ok(looksLikeKubernetes('items:\n  - apiVersion: v1\n    kind: Pod\n'));
  assert.ok(!looksLikeKubernetes('name: ci\non: push\n'));
});

test('the simulator report shape: workloads, budgets, warnings', () => {
  const v = readSimulation(
    simulateResult({
      ...sample,
      nodes: [{ ...sample.nodes[0], ready: false, unschedulable: true }],
      workloads: [{ kind: 'Deployment', namespace: 'shop', name: 'web', desired: 3, ready: 3, source: src(WEB, 2) }],
      podDisruptionBudgets: [{ namespace: 'shop', name: 'web', currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1 }],
      warnings: [{ message: 'HPA web: no metrics in a simulation', source: null }],
    }),
  );
  assert.deepEqual(v.workloads.map((w) => `${w.kind}/${w.name}=${w.replicas}`), ['Deployment/web=3']);
  assert.ok(v.nodes[0].failed && v.nodes[0].unschedulable);
  const { html } = renderPanel(v, state);
  assert.match(html, /NotReady/);
  assert.match(html, /SchedulingDisabled/);
  assert.match(html, /<td>3 \/ 2<\/td><td class="">1<\/td>/);
  assert.match(html, /HPA web: no metrics in a simulation/);
  assert.match(html, /data-loc="\d+"[^>]*>Deployment shop\/web<\/button>/);
});
