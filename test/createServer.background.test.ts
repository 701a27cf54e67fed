// Requests never wait for background work: on the benchmark's corpus file
// (1,000 documents of ../shared/corpus, hundreds of diagnostics) a request sent
// right after a keystroke is answered before the diagnostics of that keystroke
// are published, and the diagnostics published after a series of keystrokes
// (requests interleaved) equal those of a fresh analysis of the final text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { computeDiagnostics } from '../server/src/features/diagnostics';
import { createFeatureContext } from '../server/src/features/services';
import { Workspace } from '../server/src/model/workspace';
import { corpusFile } from './support/corpusFile';
import { InProcessClient } from './support/inProcess';
import { positionOf } from './support/lsp';

const BIG = 'file:///ws/corpus-1000.yaml';

interface Opened {
  client: InProcessClient;
  text: string;
  /** Events in arrival order: answers of requests and publishes of the big file. */
  events: string[];
  version: number;
}

async function openCorpusFile(): Promise<Opened> {
  const client = new InProcessClient();
  await client.initialize();
  const text = corpusFile();
  const events: string[] = [];
  // Replaces the client's own handler (one per method): keeps its diagnostics map up to date too.
  client.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
    client.diagnostics.set(p.uri, p.diagnostics);
    if (p.uri === BIG) events.push(`publish v${p.version}`);
  });
  const opened: Opened = { client, text, events, version: 1 };
  client.open(BIG, text);
  await until(() => events.length > 0, () => 'no diagnostics for the opened file');
  assert.ok(client.diagnostics.get(BIG)!.length > 400, 'the corpus file has hundreds of diagnostics');
  return opened;
}

/** Resolves once `done()` holds (checked every 2 ms), rejects after a minute. */
function until(done: () => boolean, what: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (done()) resolve();
      else if (Date.now() - started > 60_000) reject(new Error(what()));
      else setTimeout(poll, 2);
    };
    poll();
  });
}

/** One character replaced in an image name in the middle of the file (no cross-reference changes). */
function keystrokeAt(text: string): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const start = offsetToPosition(text, text.indexOf('image: ', text.length / 2) + 8);
  return { start, end: { line: start.line, character: start.character + 1 } };
}

/** Resolves once the diagnostics of `version` have been published. */
function published(o: Opened, version: number): Promise<void> {
  return until(() => o.events.includes(`publish v${version}`), () => `no diagnostics for version ${version}; events: ${o.events.slice(-10).join(', ')}`);
}

test('a request sent right after a keystroke is answered before that keystroke\'s diagnostics are published', async () => {
  const o = await openCorpusFile();
  try {
    const range = keystrokeAt(o.text);
    const original = o.text.split('\n')[range.start.line][range.start.character];
    const hoverAt = positionOf(o.text, 'kind: Deployment', 2, 3);
    const definitionAt = positionOf(o.text, 'serviceAccountName: ', 22, 2);
    const requests: Array<[string, () => Promise<unknown>]> = [
      ['hover', () => o.client.hover(BIG, hoverAt.line, hoverAt.character)],
      ['completion', () => o.client.completion(BIG, hoverAt.line, hoverAt.character + 4)],
      ['definition', () => o.client.request('textDocument/definition', { textDocument: { uri: BIG }, position: definitionAt })],
      ['references', () => o.client.request('textDocument/references', { textDocument: { uri: BIG }, position: hoverAt, context: { includeDeclaration: true } })],
    ];
    for (let i = 0; i < 8; i++) {
      const [kind, send] = requests[i % requests.length];
      const version = ++o.version;
      o.client.edit(BIG, range, i % 2 === 0 ? 'x' : original);
      const answer = send().then(() => o.events.push(`${kind} v${version}`));
      await published(o, version);
      await answer;
      const order = o.events.filter((e) => e.endsWith(` v${version}`));
      assert.deepEqual(order, [`${kind} v${version}`, `publish v${version}`], `keystroke ${i}: the ${kind} answer came after the diagnostics (${order.join(', ')})`);
    }
  } finally {
    await o.client.shutdown();
  }
});

test('diagnostics published after keystrokes with requests in between equal a fresh analysis', async () => {
  const o = await openCorpusFile();
  try {
    let text = o.text;
    // Keystrokes that change cross-references too: a ConfigMap renamed letter by letter, then a Service.
    const cm = /^kind: ConfigMap\nmetadata:\n  name: ([a-z0-9-]+)\n/m.exec(text.slice(text.length / 3))!;
    const svc = /^kind: Service\nmetadata:\n  name: ([a-z0-9-]+)\n/m.exec(text.slice(text.length / 2))!;
    const hoverAt = positionOf(text, 'kind: Deployment', 2, 5);
    const typeAt = (needle: string, from: number, letters: string) => {
      let at = text.indexOf(needle, from) + needle.length;
      for (const ch of letters) {
        const pos = offsetToPosition(text, at);
        o.client.edit(BIG, { start: pos, end: pos }, ch);
        text = text.slice(0, at) + ch + text.slice(at);
        at++;
        o.version++;
        void o.client.hover(BIG, hoverAt.line, hoverAt.character);
      }
    };
    typeAt(`kind: ConfigMap\nmetadata:\n  name: ${cm[1]}`, text.length / 3, '-two');
    typeAt(`kind: Service\nmetadata:\n  name: ${svc[1]}`, text.length / 2, 'x');
    await published(o, o.version);
    const ws = new Workspace();
    ws.set(BIG, text);
    const fresh = computeDiagnostics(createFeatureContext(ws), ws.get(BIG)!);
    const incremental = o.client.diagnostics.get(BIG) as Diagnostic[];
    assert.ok(fresh.length > 400);
    assert.deepEqual(incremental, JSON.parse(JSON.stringify(fresh)));
  } finally {
    await o.client.shutdown();
  }
});

function offsetToPosition(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
}
