// $/cancelRequest: a cancelled request settles (a result or RequestCancelled,
// never another error), and the server answers the requests that follow.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';

/** LSPErrorCodes.RequestCancelled */
const REQUEST_CANCELLED = -32800;
import { TestClient, positionOf } from '../support/lsp';
import { hugeText } from './inputs';

const BASE = 'file:///tmp/drydock-cancel';
const CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  LOG_LEVEL: info
`;
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          envFrom:
            - configMapRef:
                name: app-config
`;

const FEATURES = [
  { method: 'textDocument/completion', capability: 'completionProvider', needle: 'replicas', delta: 0 },
  { method: 'textDocument/hover', capability: 'hoverProvider', needle: 'replicas', delta: 2 },
  { method: 'textDocument/references', capability: 'referencesProvider', needle: 'app-config', delta: 2 },
  { method: 'textDocument/definition', capability: 'definitionProvider', needle: 'app-config', delta: 2 },
] as const;

function paramsFor(f: (typeof FEATURES)[number], uri: string): Record<string, unknown> {
  const position = positionOf(DEPLOYMENT, f.needle, f.delta);
  const p: Record<string, unknown> = { textDocument: { uri }, position };
  if (f.method === 'textDocument/references') p.context = { includeDeclaration: true };
  return p;
}

/** Sends a request and cancels it at once; resolves 'answered' or 'cancelled', rejects on any other error. */
async function sendAndCancel(client: TestClient, method: string, params: unknown): Promise<'answered' | 'cancelled'> {
  const source = new CancellationTokenSource();
  const pending = client.conn.sendRequest(method, params, source.token);
  source.cancel();
  try {
    await pending;
    return 'answered';
  } catch (err) {
    if (err instanceof ResponseError && err.code === REQUEST_CANCELLED) return 'cancelled';
    throw err;
  }
}

test('cancelled completion/hover/references/definition requests do not break the server', async (t) => {
  const client = new TestClient();
  try {
    const init = await client.initialize();
    const dep = `${BASE}/deployment.yaml`;
    client.open(`${BASE}/config.yaml`, CONFIG);
    client.open(dep, DEPLOYMENT);
    await client.waitForDiagnostics(dep);
    for (const f of FEATURES) {
      assert.ok(init.capabilities[f.capability], `the server offers ${f.capability}`);
      // Cancel while idle, and while a 20 MB file is queued for analysis (more likely to cancel for real).
      const outcomes = [await sendAndCancel(client, f.method, paramsFor(f, dep))];
      const busy = `${BASE}/busy-${f.capability}.yaml`;
      client.open(busy, hugeText(5));
      outcomes.push(await sendAndCancel(client, f.method, paramsFor(f, dep)));
      // A burst of cancelled requests followed by a normal one.
      const burst = await Promise.all(Array.from({ length: 20 }, () => sendAndCancel(client, f.method, paramsFor(f, dep))));
      t.diagnostic(`${f.method}: ${[...outcomes, ...burst].filter((o) => o === 'cancelled').length}/22 reported RequestCancelled, the rest answered`);
      const after = await client.request(f.method, paramsFor(f, dep));
      assert.ok(after !== null && after !== undefined && !(Array.isArray(after) && after.length === 0), `${f.method} answers after cancellations`);
      client.close(busy);
    }
    assert.equal(client.proc.exitCode, null, 'server still running');
  } finally {
    await client.shutdown();
  }
});
