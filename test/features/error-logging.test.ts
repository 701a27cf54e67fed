// Errors never vanish: a feature that recovers from an exception (answers
// empty, leaves a part out) logs it through the context's logger with the
// request and the document that caused it. The answer the user sees is unchanged.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/model/workspace';
import { createFeatureContext } from '../../server/src/features/services';
import type { FeatureContext, Logger } from '../../server/src/features/context';
import { codeLenses } from '../../server/src/features/codeLens';
import { definition } from '../../server/src/features/definition';
import { findReferences } from '../../server/src/features/references';
import { workspaceSymbols } from '../../server/src/features/workspaceSymbols';
import { computeHover } from '../../server/src/features/hover';

const URI = 'file:///ws/web.yaml';
const TEXT = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80}]
`;

/** A context whose reference graph throws on every use, and the lines it logged. */
function brokenGraph(): { ctx: FeatureContext; errors: string[] } {
  const errors: string[] = [];
  const log: Logger = { info: () => undefined, warn: () => undefined, error: (m) => errors.push(m) };
  const ws = new Workspace();
  ws.set(URI, TEXT);
  const ctx = createFeatureContext(ws, undefined, log);
  const boom = (): never => {
    throw new TypeError('graph exploded');
  };
  const g = ctx.services.graph as unknown as Record<string, unknown>;
  for (const m of ['referencesInFile', 'resolve', 'refresh', 'dependentFiles', 'selectorsSelecting']) g[m] = boom;
  Object.defineProperty(g, 'index', { get: boom });
  return { ctx, errors };
}

test('features that recover from an exception log it with the request and the document', () => {
  const { ctx, errors } = brokenGraph();
  const at = { line: 3, character: 9 };
  assert.deepEqual(codeLenses(ctx, URI), []);
  assert.deepEqual(definition(ctx, URI, at), []);
  assert.deepEqual(findReferences(ctx, URI, at, true), []);
  assert.deepEqual(workspaceSymbols(ctx, 'web'), []);
  computeHover(ctx, URI, at);
  const expect = [
    `drydock: textDocument/codeLens (${URI}) failed: TypeError: graph exploded`,
    `drydock: textDocument/definition (${URI}:4:10) failed: TypeError: graph exploded`,
    `drydock: textDocument/references (${URI}:4:10) failed: TypeError: graph exploded`,
    'drydock: workspace/symbol ("web") failed: TypeError: graph exploded',
  ];
  for (const line of expect) assert.ok(errors.some((e) => e.startsWith(line)), `${line}\nlogged:\n${errors.join('\n---\n')}`);
  // The stack's first frames come along, so the log says where it broke.
  assert.match(errors[0], /\n\s+at /);
  assert.ok(errors.some((e) => e.startsWith('drydock: textDocument/hover')), 'a failing hover section is logged');
});
