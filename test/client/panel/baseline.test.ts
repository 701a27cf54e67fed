// The Simulate Apply panel shows what scope "file" was compared with (the
// response's `baseline`, e.g. the committed version at HEAD), escaped.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readResponse } from '../../../client/src/panel/model';
import { renderPanel } from '../../../client/src/panel/render';
import { node, simulateResult } from '../../support/simulateResult';

const response = simulateResult({ nodes: [node('node-1')], scope: 'file', baseline: 'the committed version of this file (HEAD 1a2b3c4)' });

test('scope "file" shows the baseline note; the workspace scope and absent notes show none', () => {
  const answer = readResponse(response);
  assert.ok(answer.kind === 'result');
  const { view } = answer;
  const baseline = answer.result.baseline;
  assert.equal(baseline, 'the committed version of this file (HEAD 1a2b3c4)');
  const html = renderPanel(view, { scope: 'file', whatIfs: [], baseline }).html;
  assert.match(html, /<p class="summary baseline">Compared with the committed version of this file \(HEAD 1a2b3c4\)<\/p>/);
  assert.doesNotMatch(renderPanel(view, { scope: 'workspace', whatIfs: [], baseline }).html, /Compared with/);
  assert.doesNotMatch(renderPanel(view, { scope: 'file', whatIfs: [] }).html, /Compared with/);

  const hostile = renderPanel(view, { scope: 'file', whatIfs: [], baseline: '<img src=x onerror=alert(1)>' }).html;
  assert.ok(!hostile.includes('<img'), 'the note is escaped');
});
