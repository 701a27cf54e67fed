// Comparing the baseline manifests (the cluster before this apply) with the
// current ones: which objects are added, removed or changed. The rollouts
// themselves are recorded by the Deployment controller while the driver plays
// the apply out (see driver.runSimulation).

import { asJson } from './boundary';
import { canonicalJson } from './names';
import { keyOf } from './state';
import type { InputObject } from './input';
import type { ObjectChange } from './types';

function identity(i: InputObject): string | undefined {
  const o = i.object;
  if (typeof o.kind !== 'string' || typeof o.metadata?.name !== 'string') return undefined;
  return keyOf(o.kind, typeof o.metadata.namespace === 'string' ? o.metadata.namespace : undefined, o.metadata.name);
}

/** Content that matters for a change: everything but status. */
function content(i: InputObject): string {
  const { status: _status, ...rest } = asJson(i.object);
  return canonicalJson(rest);
}

export function diffInputs(baseline: InputObject[], current: InputObject[]): ObjectChange[] {
  const before = new Map<string, InputObject>();
  for (const i of baseline) {
    const id = identity(i);
    if (id) before.set(id, i);
  }
  const changes: ObjectChange[] = [];
  const seen = new Set<string>();
  for (const i of current) {
    const id = identity(i);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const b = before.get(id);
    const row = { kind: i.object.kind, namespace: i.object.metadata.namespace, name: i.object.metadata.name, source: i.source };
    if (!b) changes.push({ change: 'added', ...row });
    else if (content(b) !== content(i)) changes.push({ change: 'changed', ...row });
  }
  for (const [id, b] of before) {
    if (!seen.has(id)) changes.push({ change: 'removed', kind: b.object.kind, namespace: b.object.metadata.namespace, name: b.object.metadata.name, source: b.source });
  }
  return changes;
}
