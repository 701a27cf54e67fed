// The Simulate Apply panel shows what scope "file" was compared with (the
// response's `baseline`, e.g. the committed version at HEAD), escaped.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSimulation } from '../../client/src/panel/model';
import { readBaseline, renderPanel } from '../../client/src/panel/render';

const response = {
  nodes: [{ name: 'node-1', allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, requested: { cpu: '0', memory: '0' }, pods: [] }],
  pods: [],
  scope: 'file',
  baseline: 'the committed version of this file (HEAD 1a2b3c4)',
};

test('scope "file" shows the baseline note; the workspace scope and absent notes show none', () => {
  const view = readSimulation(response);
  const baseline = readBaseline(response);
  assert.equal(baseline, 'the committed version of this file (HEAD 1a2b3c4)');
  const html = renderPanel(view, { scope: 'file', whatIfs: [], baseline }).html;
  assert.match(html, /<p class="summary baseline">Compared with the committed version of this file \(HEAD 1a2b3c4\)<\/p>/);
  assert.doesNotMatch(renderPanel(view, { scope: 'workspace', whatIfs: [], baseline }).html, /Compared with/);
  assert.doesNotMatch(renderPanel(view, { scope: 'file', whatIfs: [] }).html, /Compared with/);

  assert.equal(readBaseline({ baseline: 42 }), undefined);
  assert.equal(readBaseline(null), undefined);
  const hostile = renderPanel(view, { scope: 'file', whatIfs: [], baseline: readBaseline({ baseline: '<img src=x onerror=alert(1)>' }) }).html;
  assert.ok(!hostile.includes('<img'), 'the note is escaped');
});
