// The hover simulation runs once per workspace generation, however many hovers
// and status requests ask for it, and a new generation gets a fresh result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../../server/src/model/workspace';
import type { FeatureContext } from '../../../server/src/features/context';
import { computeHover } from '../../../server/src/features/hover';
import { computeStatus } from '../../../server/src/features/status';
import { EXPLAIN_MAX_PODS } from '../../../server/src/features/explain/simulation';
import { createFeatureContext } from '../../../server/src/features/services';

const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: c
        image: nginx:1.25
        resources:
          requests: {cpu: "1"}
`;

function ctxWith(text: string): { ctx: FeatureContext; uri: string } {
  const workspace = new Workspace();
  const uri = 'file:///w/app.yaml';
  workspace.set(uri, text);
  return { ctx: createFeatureContext(workspace), uri };
}

const REPLICAS_LINE = 5;

test('hovers and status share one simulation per generation', () => {
  const { ctx, uri } = ctxWith(deployment(14));
  const before = ctx.services.explain.runs;
  for (let i = 0; i < 5; i++) {
    const h = computeHover(ctx, uri, { line: REPLICAS_LINE, character: 4 });
    assert.match(String((h?.contents as { value: string }).value), /14 pods, 12 scheduled, \*\*2 Pending\*\*/);
  }
  assert.deepEqual(computeStatus(ctx), { resources: 1, pending: 2, files: 1 });
  assert.equal(ctx.services.explain.runs - before, 1);
  ctx.workspace.set(uri, deployment(3));
  const h = computeHover(ctx, uri, { line: REPLICAS_LINE, character: 4 });
  assert.match(String((h?.contents as { value: string }).value), /3 pods, 3 scheduled, \*\*0 Pending\*\*/);
  assert.equal(computeStatus(ctx).pending, 0);
  assert.equal(ctx.services.explain.runs - before, 2);
});

test('a workload beyond the hover simulation bound says so instead of simulating it', () => {
  const { ctx, uri } = ctxWith(deployment(EXPLAIN_MAX_PODS + 1));
  const h = computeHover(ctx, uri, { line: REPLICAS_LINE, character: 4 });
  const md = String((h?.contents as { value: string }).value);
  assert.match(md, new RegExp(`more than the simulator's limit of ${EXPLAIN_MAX_PODS} pods; Deployment web was not simulated`));
});
