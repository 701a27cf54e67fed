// The startup scan: files on disk are indexed without any didOpen, with
// progress reported; file-watcher events and closing an editor fall back to disk.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Location } from 'vscode-languageserver-types';
import { ProgressType } from 'vscode-jsonrpc/node';
import { fileUri, positionOf } from '../support/lsp';
import { InProcessClient } from '../support/inProcess';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: x, envFrom: [{configMapRef: {name: settings}}]}]
`;
const CONFIG = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n';

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await fn();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('initialize with a folder on disk: definition works without didOpen, progress is reported, watchers and close re-read disk', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-scan-'));
  mkdirSync(join(dir, 'cfg'));
  mkdirSync(join(dir, 'skipped'));
  writeFileSync(join(dir, 'pod.yaml'), POD);
  writeFileSync(join(dir, 'cfg', 'config.yaml'), CONFIG);
  writeFileSync(join(dir, 'skipped', 'other.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ignored}\n');
  const client = new InProcessClient();
  // $/progress is routed by token, so listen on the token the server creates.
  const progress: string[] = [];
  client.conn.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
    client.conn.onProgress(new ProgressType<{ kind: string }>(), p.token, (v) => {
      progress.push(v.kind);
    });
    return null;
  });
  try {
    await client.initialize(dir, { settings: { filesExclude: ['skipped/**'] } });
    const podUri = fileUri(join(dir, 'pod.yaml'));
    const position = positionOf(POD, 'name: settings', 7);
    const def = () => client.request<Location[]>('textDocument/definition', { textDocument: { uri: podUri }, position });
    const locs = await until(def, (l) => Array.isArray(l) && l.length === 1, 'the scan');
    assert.equal(locs[0].uri, fileUri(join(dir, 'cfg', 'config.yaml')));
    assert.equal(progress[0], 'begin');
    assert.ok(progress.includes('end'), JSON.stringify(progress));
    const excluded = await client.request('workspace/symbol', { query: 'ignored' });
    assert.deepEqual(excluded, [], 'drydock.files.exclude is honoured');

    // A file changed on disk (watcher event): the ConfigMap is renamed away.
    const cfgPath = join(dir, 'cfg', 'config.yaml');
    writeFileSync(cfgPath, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: renamed}\n');
    void client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(cfgPath), type: 2 }] });
    await until(def, (l) => Array.isArray(l) && l.length === 0, 'the watcher change');

    // An open buffer overrides the disk; closing it falls back to the disk, not to nothing.
    client.open(fileUri(cfgPath), CONFIG);
    await until(def, (l) => l.length === 1, 'the open buffer');
    client.close(fileUri(cfgPath));
    await until(def, (l) => l.length === 0, 'the disk text after close');
    const syms = await client.request('workspace/symbol', { query: 'renamed' });
    assert.equal(syms.length, 1, 'the closed file is still indexed from disk');

    // Deleted on disk: forgotten.
    rmSync(cfgPath);
    void client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(cfgPath), type: 3 }] });
    await until(() => client.request('workspace/symbol', { query: 'renamed' }), (s: unknown[]) => s.length === 0, 'the deletion');
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});
