// The Simulate Apply panel's overlay scope: the picker of overlays, the message
// it sends (validated against the list), and the rendered objects table.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../client/src/panel/messages';
import { readSimulation } from '../../client/src/panel/model';
import { renderPanel } from '../../client/src/panel/render';
import { kustomizeNote } from '../../client/src/kustomizeStatus';
import { simulateResult } from '../support/simulateResult';

const response = simulateResult({
  scope: 'overlay',
  overlay: 'overlays/prod',
  overlayObjects: [
    { kind: 'Deployment', namespace: 'prod', name: 'prod-web', replicas: 4, images: ['nginx:1.27'], source: { file: 'file:///w/base/deployment.yaml', line: 2, location: { uri: 'file:///w/base/deployment.yaml', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } } } } },
  ],
});

test('overlay scope: picker with the overlays, rendered objects with images linked to their source', () => {
  const view = readSimulation(response);
  const overlays = [{ label: 'overlays/dev' }, { label: 'overlays/<prod>' }];
  const { html, locations } = renderPanel(view, { scope: 'overlay', whatIfs: [], overlays, overlayIndex: 1 });
  assert.match(html, /value="overlay" data-key="scope-overlay" checked/);
  assert.match(html, /<option value="1" selected>overlays\/&#60;prod&#62;<\/option>/);
  assert.match(html, /Rendered overlay objects/);
  assert.match(html, /nginx:1\.27/);
  assert.deepEqual(locations, [{ uri: 'file:///w/base/deployment.yaml', line: 1, character: 0 }]);
  // Without overlays there is no overlay choice; other scopes show no overlay table.
  assert.doesNotMatch(renderPanel(view, { scope: 'workspace', whatIfs: [] }).html, /scope-overlay|Rendered overlay objects/);
});

test('overlay messages from the webview are checked against the list', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'overlay', overlay: '1' }, undefined, 0, 2), { type: 'overlay', overlay: 1 });
  assert.equal(parseWebviewMessage({ type: 'overlay', overlay: 2 }, undefined, 0, 2), undefined);
  assert.equal(parseWebviewMessage({ type: 'overlay', overlay: '../x' }, undefined, 0, 2), undefined);
  assert.equal(parseWebviewMessage({ type: 'scope', scope: 'overlay' }, undefined, 0, 0), undefined);
  assert.deepEqual(parseWebviewMessage({ type: 'scope', scope: 'overlay' }, undefined, 0, 1), { type: 'scope', scope: 'overlay' });
});

test('status bar tooltip says why overlays are not rendered', () => {
  assert.match(kustomizeNote({ state: 'untrusted', reason: 'the workspace is not trusted (Restricted Mode)', overlays: [] }), /not rendered: the workspace is not trusted \(Restricted Mode\)/);
  assert.match(kustomizeNote({ state: 'ready', overlays: [{ label: 'a' }, { label: 'b', error: 'x' }] }), /1 overlay\(s\) rendered, 1 not rendered/);
  assert.equal(kustomizeNote(undefined), '');
});
