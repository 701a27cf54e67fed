// The incremental publish path (per-document caches of validation, cross-reference
// and converted diagnostics, reused across edits) must publish exactly what a
// from-scratch computation publishes. Two code paths in one run, on the corpus
// file of the benchmark (the first 1,000 documents of clean-files.txt, hundreds of
// diagnostics) and a small app file: after every edit of a realistic sequence
// (keystrokes, a new line shifting every document below, a rename others depend
// on, a duplicated and a deleted document, a syntax error) the diagnostics of the
// edited workspace equal those of a fresh workspace given the same texts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusFile } from '../support/corpusFile';
import { Workspace } from '../../server/src/model/workspace';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { convertStats } from '../../server/src/features/diagnosticCache';
import { createFeatureContext } from '../../server/src/features/services';
import { encodeMessage, encodeStats } from '../../server/src/publishEncoder';

/** The publishDiagnostics message as the server writes it. */
const message = (uri: string, diagnostics: unknown[]) => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, diagnostics, version: 7 } });

const BIG = 'file:///ws/corpus-1000.yaml';
const SMALL = 'file:///ws/web.yaml';
const SMALL_TEXT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - {name: web, image: nginx, ports: [{name: http, containerPort: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
`;

function fromScratch(texts: Map<string, string>): Record<string, string> {
  const ws = new Workspace();
  for (const [u, t] of texts) ws.set(u, t);
  const ctx = createFeatureContext(ws);
  // vscode-jsonrpc's own encoding: JSON.stringify of the message.
  return Object.fromEntries([...texts.keys()].map((u) => [u, JSON.stringify(message(u, computeDiagnostics(ctx, ws.get(u)!)))]));
}

/** Text of the `n`-th `---`-separated document (0-based) and its offset. */
function docAt(text: string, n: number): { start: number; end: number } {
  let start = 0;
  for (let i = 0; i < n; i++) start = text.indexOf('\n---\n', start) + 5;
  const next = text.indexOf('\n---\n', start);
  return { start, end: next < 0 ? text.length : next + 5 };
}

test('incremental publish equals from-scratch diagnostics on the corpus file, edit after edit', () => {
  const texts = new Map([[BIG, corpusFile()], [SMALL, SMALL_TEXT]]);
  const ws = new Workspace();
  const ctx = createFeatureContext(ws);
  for (const [u, text] of texts) ws.set(u, text);
  // The incremental path, encoded by the server's message encoder (per-document JSON reused).
  const publish = () => Object.fromEntries([...texts.keys()].map((u) => [u, encodeMessage(message(u, computeDiagnostics(ctx, ws.get(u)!))).toString('utf8')]));
  const first = publish();
  assert.deepEqual(first, fromScratch(texts), 'first computation');
  assert.ok(JSON.parse(first[BIG]).params.diagnostics.length > 400, 'the corpus file has hundreds of diagnostics');

  const big = () => texts.get(BIG)!;
  const image = big().indexOf('image: ', big().length / 2) + 8;
  const cm = /^kind: ConfigMap\nmetadata:\n  name: ([a-z0-9-]+)\n/m.exec(big().slice(big().length / 3))!;
  const edits: Array<[string, string, (text: string) => string]> = [
    ['keystroke in an image', BIG, (s) => s.slice(0, image) + 'x' + s.slice(image + 1)],
    ['keystroke undone', BIG, (s) => s.slice(0, image) + texts.get(BIG)!.charAt(image) + s.slice(image + 1)],
    ['a new line near the top (every document below moves)', BIG, (s) => { const at = docAt(s, 10).start; return s.slice(0, at) + '# added\n' + s.slice(at); }],
    [`rename ConfigMap ${cm[1]}`, BIG, (s) => { const at = s.indexOf(cm[0]) + cm[0].indexOf(cm[1]); return s.slice(0, at) + 'renamed-' + s.slice(at); }],
    ['a document duplicated at the end', BIG, (s) => { const d = docAt(s, 300); return s + '---\n' + s.slice(d.start, d.end).replace(/---\n$/, ''); }],
    ['a document deleted in the middle', BIG, (s) => { const d = docAt(s, 400); return s.slice(0, d.start) + s.slice(d.end); }],
    ['a syntax error', BIG, (s) => { const d = docAt(s, 600); return s.slice(0, d.start) + 'bad: [unclosed\n' + s.slice(d.start); }],
    ['the added line removed', BIG, (s) => s.replace('# added\n', '')],
    ['the small file renames its Service', SMALL, (s) => s.replace('metadata: {name: web}', 'metadata: {name: web2}')],
  ];
  for (const [what, uri, edit] of edits) {
    texts.set(uri, edit(texts.get(uri)!));
    const before = { ...convertStats, serialized: encodeStats.serialized };
    ws.set(uri, texts.get(uri)!);
    const incremental = publish();
    const converted = convertStats.converted - before.converted;
    const reused = convertStats.reused - before.reused;
    const serialized = encodeStats.serialized - before.serialized;
    assert.deepEqual(incremental, fromScratch(texts), `after: ${what}`);
    if (what === 'keystroke undone') {
      // A keystroke converts only the edited document's diagnostics (and the few it affects).
      assert.ok(converted < 20, `${what}: ${converted} documents converted`);
      assert.ok(reused > 900, `${what}: ${reused} documents reused`);
      assert.ok(serialized < 20, `${what}: ${serialized} documents' diagnostics serialized again`);
    }
  }
});
