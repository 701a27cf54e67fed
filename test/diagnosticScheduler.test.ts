// The diagnostic scheduler runs a file's steps in short slices and yields to the
// event loop between them, so work queued meanwhile (an LSP request) runs before
// the file is done; a file re-queued or invalidated while being computed starts
// over and only its fresh result is published.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticScheduler, type DiagnosticSteps } from '../server/src/diagnosticScheduler';

const diagnostic = (message: string): Diagnostic => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message });

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/** `n` steps of `ms` each; the result names the run. */
function* slowSteps(n: number, ms: number, result: string, started?: () => void): Generator<void, Diagnostic[], undefined> {
  started?.();
  for (let i = 0; i < n; i++) {
    busy(ms);
    yield;
  }
  return [diagnostic(result)];
}

/** Resolves on the first event-loop turn where `done()` holds. */
function until(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (done() ? resolve() : setImmediate(check));
    check();
  });
}

interface Published {
  uri: string;
  messages: string[];
  version?: number;
}

function scheduler(steps: (uri: string) => DiagnosticSteps | undefined, sliceMs = 3) {
  const published: Published[] = [];
  const logged: string[] = [];
  const s = new DiagnosticScheduler({
    steps,
    publish: (uri, diagnostics, version) => {
      published.push({ uri, messages: diagnostics.map((d) => String(d.message)), version });
    },
    log: (m) => logged.push(m),
    sliceMs,
  });
  const idle = () =>
    new Promise<void>((resolve) => {
      const check = () => (s.pending === 0 ? resolve() : setTimeout(check, 1));
      check();
    });
  return { s, published, logged, idle };
}

test('a long file is computed in slices: work queued meanwhile runs before it is published', async () => {
  const { s, published, idle } = scheduler(() => slowSteps(40, 0.5, 'done'));
  const turns: number[] = [];
  let answeredBeforePublish = false;
  s.schedule('file:///a.yaml', 1);
  // A request arriving while the file is computed (the LSP reader queues its handler with setImmediate).
  setImmediate(() => (answeredBeforePublish = published.length === 0));
  // Event-loop turns while the scheduler works: the gaps between them are slices.
  const tick = () => {
    turns.push(performance.now());
    if (published.length === 0) setImmediate(tick);
  };
  setImmediate(tick);
  await idle();
  assert.ok(answeredBeforePublish, 'the queued request ran before the diagnostics were published');
  assert.deepEqual(published, [{ uri: 'file:///a.yaml', messages: ['done'], version: 1 }]);
  assert.ok(turns.length > 4, `the 20 ms of work was cut into slices (${turns.length} event-loop turns)`);
  const gaps = turns.slice(1).map((t, i) => t - turns[i]).sort((a, b) => a - b);
  // A slice is ~3 ms plus one step; allow for a loaded machine in the median.
  assert.ok(gaps[gaps.length >> 1] < 15, `median gap between event-loop turns ${gaps[gaps.length >> 1].toFixed(1)} ms`);
});

test('a file re-queued while it is computed starts over: only the new version is published', async () => {
  let runs = 0;
  let started = false;
  const { s, published, idle } = scheduler(() => slowSteps(20, 0.5, `run ${++runs}`, () => (started = true)));
  s.schedule('file:///a.yaml', 1);
  await until(() => started);
  assert.equal(published.length, 0, 'still computing');
  s.schedule('file:///a.yaml', 2);
  await idle();
  assert.deepEqual(published, [{ uri: 'file:///a.yaml', messages: ['run 2'], version: 2 }]);
});

test('invalidate() restarts the file being computed (the model it read changed)', async () => {
  let runs = 0;
  let started = false;
  const { s, published, idle } = scheduler(() => slowSteps(20, 0.5, `run ${++runs}`, () => (started = true)));
  s.schedule('file:///b.yaml', 3);
  await until(() => started);
  assert.equal(published.length, 0, 'still computing');
  s.invalidate();
  await idle();
  assert.deepEqual(published, [{ uri: 'file:///b.yaml', messages: ['run 2'], version: 3 }]);
});

test('the edited file goes first; a failing file is logged and the others are still published', async () => {
  const { s, published, logged, idle } = scheduler((uri) => {
    if (uri.endsWith('bad.yaml')) {
      return (function* (): Generator<void, Diagnostic[], undefined> {
        yield;
        throw new Error('boom');
      })();
    }
    return slowSteps(2, 0, uri);
  });
  s.schedule('file:///other.yaml', undefined, false);
  s.schedule('file:///bad.yaml', undefined, false);
  s.schedule('file:///edited.yaml', 5);
  await idle();
  assert.deepEqual(published.map((p) => p.uri), ['file:///edited.yaml', 'file:///other.yaml']);
  assert.equal(logged.length, 1);
  assert.match(logged[0], /diagnostics failed for file:\/\/\/bad\.yaml: Error: boom/);
});

test('after dispose nothing queued is computed or published', async () => {
  let started = 0;
  const { s, published } = scheduler(() => slowSteps(20, 1, 'late', () => started++), 1);
  s.schedule('file:///a.yaml', 1);
  s.schedule('file:///b.yaml', 1);
  await new Promise((r) => setImmediate(r));
  s.dispose();
  s.schedule('file:///c.yaml', 1);
  await new Promise((r) => setTimeout(r, 60));
  assert.deepEqual(published, []);
  assert.equal(s.pending, 0);
  assert.ok(started <= 1, `at most the file already started ran (${started})`);
});
