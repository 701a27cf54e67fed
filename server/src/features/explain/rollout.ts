// Hover on a Deployment's `maxSurge` / `maxUnavailable`: the pod counts they
// allow for this replica count, resolved as the deployment controller does
// (ResolveFenceposts: surge rounds up, unavailable rounds down, both 0 -> 1).

import { isScalar } from 'yaml';
import { nodeAtPath } from '../../model/ast';
import { resolveFenceposts } from '../../sim/controllers/deployment';
import type { HoverRequest, HoverSection } from '../hover';
import { code } from './context';

const DEFAULT = '25%';
const INT_OR_PERCENT = /^(\d+%?)$/;

function valueAt(req: HoverRequest, key: string): { value: number | string; written: boolean; invalid?: string } {
  const n = nodeAtPath(req.resource!.node, ['spec', 'strategy', 'rollingUpdate', key]);
  if (!isScalar(n) || n.value === null || n.value === undefined) return { value: DEFAULT, written: false };
  const v = n.value;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return { value: v, written: true };
  if (typeof v === 'string' && INT_OR_PERCENT.test(v)) return { value: v, written: true };
  return { value: DEFAULT, written: true, invalid: String(v) };
}

function replicasOf(req: HoverRequest): { n: number; written: boolean } | undefined {
  const n = nodeAtPath(req.resource!.node, ['spec', 'replicas']);
  if (!isScalar(n) || n.value === null || n.value === undefined) return { n: 1, written: false };
  return typeof n.value === 'number' && Number.isInteger(n.value) && n.value >= 0 ? { n: n.value, written: true } : undefined;
}

export function rolloutExplanation(req: HoverRequest): HoverSection | undefined {
  const r = req.resource;
  const p = req.resourcePath;
  if (!r || r.kind !== 'Deployment' || p.length !== 4 || p[0] !== 'spec' || p[1] !== 'strategy' || p[2] !== 'rollingUpdate') return undefined;
  if (p[3] !== 'maxSurge' && p[3] !== 'maxUnavailable') return undefined;
  const type = nodeAtPath(r.node, ['spec', 'strategy', 'type']);
  if (isScalar(type) && type.value === 'Recreate') return { markdown: '**Rollout**: the strategy type is `Recreate`: all old pods stop before new ones start, and `rollingUpdate` is not used (the API server rejects it with Recreate).' };
  const replicas = replicasOf(req);
  if (!replicas) return { markdown: '**Rollout**: `spec.replicas` is not a whole number, so the pod counts cannot be computed.' };
  const surgeV = valueAt(req, 'maxSurge');
  const unavailV = valueAt(req, 'maxUnavailable');
  const bad = [surgeV.invalid && `maxSurge ${code(surgeV.invalid)}`, unavailV.invalid && `maxUnavailable ${code(unavailV.invalid)}`].filter(Boolean);
  if (bad.length > 0) return { markdown: `**Rollout**: ${bad.join(' and ')} must be a whole number or a percentage like \`25%\`.` };
  const n = replicas.n;
  const { surge, unavailable } = resolveFenceposts(surgeV.value, unavailV.value, n);
  const describe = (name: string, v: { value: number | string; written: boolean }, count: number, rounding: string) =>
    `${name} ${code(v.value)}${v.written ? '' : ' (default)'} → **${count}**${typeof v.value === 'string' && v.value.endsWith('%') ? ` (${v.value} of ${n}, ${rounding})` : ''}`;
  const lines = [
    `**Rollout** with ${n} replica${n === 1 ? '' : 's'}${replicas.written ? '' : ' (default)'}: at most **${n + surge}** pods during the rollout, at least **${Math.max(0, n - unavailable)}** available.`,
    `${describe('maxSurge', surgeV, surge, 'rounded up')}; ${describe('maxUnavailable', unavailV, unavailable, 'rounded down')}.`,
  ];
  if (surge === 0 && scaledZero(unavailV.value, n)) lines.push('Both resolve to 0, so the controller allows 1 unavailable pod to make progress.');
  if (n === 0) lines.push('With 0 replicas there is nothing to roll.');
  return { markdown: lines.join('\n\n') };
}

function scaledZero(v: number | string, n: number): boolean {
  if (typeof v === 'number') return v === 0;
  return v.endsWith('%') ? Math.floor((parseInt(v, 10) * n) / 100) === 0 : parseInt(v, 10) === 0;
}
