import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileUri } from '../support/lsp';
import { InProcessClient } from '../support/inProcess';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata: {k: v}\n`;

async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('changing drydock.files.exclude re-scans; edits ask the client to refresh code lenses', async () => {
  const root = mkdtempSync(join(tmpdir(), 'drydock-rescan-'));
  mkdirSync(join(root, 'app'));
  mkdirSync(join(root, 'vendor'));
  writeFileSync(join(root, 'app', 'a.yaml'), cm('cm-app'));
  writeFileSync(join(root, 'vendor', 'b.yaml'), cm('cm-vendor'));
  const settings = { files: { exclude: [] as string[] } };
  const client = new InProcessClient();
  let lensRefreshes = 0;
  client.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  client.conn.onRequest('workspace/codeLens/refresh', () => {
    lensRefreshes++;
    return null;
  });
  try {
    const rootUri = fileUri(root);
    await client.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'root' }],
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, codeLens: { refreshSupport: true } }, window: { workDoneProgress: true } },
    });
    await client.conn.sendNotification('initialized', {});
    const names = async () => ((await client.request('workspace/symbol', { query: 'cm-' })) as Array<{ name: string }>).map((s) => s.name).sort();
    await until('both ConfigMaps indexed', names, (n) => n.length === 2);

    settings.files.exclude = ['vendor/**'];
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await until('vendor/ dropped', names, (n) => n.length === 1), ['cm-app']);

    settings.files.exclude = [];
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await until('vendor/ back', names, (n) => n.length === 2), ['cm-app', 'cm-vendor']);

    const uri = fileUri(join(root, 'app', 'a.yaml'));
    const before = lensRefreshes;
    client.open(uri, cm('cm-app-renamed'));
    await until('a code lens refresh request', async () => lensRefreshes, (n) => n > before);
  } finally {
    await client.shutdown();
  }
});
