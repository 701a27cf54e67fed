// Quick fix for removed-api / deprecated-api: move the object to the replacement
// apiVersion, including the structural changes the new version requires
// (workload selectors, Ingress backends, CRD versions, HPA metric targets).

import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { Resource, SourceFile } from '../../model/parse';
import { addPairs, contentEndOf, pairIn, pairRemoval, startOf, type OffsetEdit } from '../../model/edit';
import { action, dataOf, fileEdit, locateRange, mapAt, type ActionEnv } from './common';
import { podTemplateOf } from './workloads';
import { ingressEdits } from './migrateIngress';
import { crdEdits } from './migrateCrd';
import { hpaEdits } from './migrateHpa';

/** Known replacements, used when a diagnostic carries no `replacement`. */
const KNOWN: Array<{ from: RegExp; kinds: RegExp; to: string }> = [
  { from: /^(extensions|networking\.k8s\.io)\/v1beta1$/, kinds: /^(Ingress|IngressClass)$/, to: 'networking.k8s.io/v1' },
  { from: /^extensions\/v1beta1$/, kinds: /^NetworkPolicy$/, to: 'networking.k8s.io/v1' },
  { from: /^(extensions\/v1beta1|apps\/v1beta[12])$/, kinds: /^(Deployment|DaemonSet|ReplicaSet|StatefulSet)$/, to: 'apps/v1' },
  { from: /^batch\/v1beta1$/, kinds: /^CronJob$/, to: 'batch/v1' },
  { from: /^policy\/v1beta1$/, kinds: /^PodDisruptionBudget$/, to: 'policy/v1' },
  { from: /^apiextensions\.k8s\.io\/v1beta1$/, kinds: /^CustomResourceDefinition$/, to: 'apiextensions.k8s.io/v1' },
  { from: /^autoscaling\/v2beta[12]$/, kinds: /^HorizontalPodAutoscaler$/, to: 'autoscaling/v2' },
];

export function replacementFor(apiVersion: string, kind: string): string | undefined {
  return KNOWN.find((k) => k.from.test(apiVersion) && k.kinds.test(kind))?.to;
}

const WORKLOADS = new Set(['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet']);

/** Fields of the old workload APIs that apps/v1 no longer has. */
const DROPPED_WORKLOAD_FIELDS: Record<string, string[]> = { Deployment: ['rollbackTo'], DaemonSet: ['templateGeneration'] };

function workloadEdits(file: SourceFile, r: Resource): { edits: OffsetEdit[]; note?: string } {
  const spec = mapAt(r.node, ['spec']);
  if (!spec) return { edits: [] };
  const edits: OffsetEdit[] = [];
  for (const f of DROPPED_WORKLOAD_FIELDS[r.kind] ?? []) {
    const p = pairIn(spec, f);
    if (p) edits.push(pairRemoval(file, r.doc, spec, p));
  }
  if (!spec.has('selector')) {
    // apps/v1 requires a selector; the old APIs defaulted it from the template labels.
    const labels = podTemplateOf(r)?.labels ?? {};
    if (Object.keys(labels).length === 0) return { edits, note: 'add spec.selector by hand: the template has no labels' };
    edits.push(addPairs(file, r.doc, spec, { selector: { matchLabels: labels } }, { beforeKey: 'template', ownerPair: pairIn(r.node, 'spec') }));
  }
  return { edits };
}

/** All edits migrating `r` to `target`, or undefined when the structure cannot be migrated safely. */
export function migrationEdits(file: SourceFile, r: Resource, target: string): { edits: OffsetEdit[]; note?: string } | undefined {
  const apiPair = pairIn(r.node, 'apiVersion');
  if (!apiPair?.value) return undefined;
  const edits: OffsetEdit[] = [{ start: startOf(r.doc, apiPair.value), end: contentEndOf(file, r.doc, apiPair.value), text: target }];
  let note: string | undefined;
  if (WORKLOADS.has(r.kind) && target === 'apps/v1') {
    const w = workloadEdits(file, r);
    edits.push(...w.edits);
    note = w.note;
  } else if (r.kind === 'Ingress' && target === 'networking.k8s.io/v1') {
    const e = ingressEdits(file, r);
    if (!e) return undefined;
    edits.push(...e);
  } else if (r.kind === 'CustomResourceDefinition' && target === 'apiextensions.k8s.io/v1') {
    const e = crdEdits(file, r);
    if (!e) return undefined;
    edits.push(...e);
  } else if (r.kind === 'HorizontalPodAutoscaler' && target === 'autoscaling/v2' && r.apiVersion === 'autoscaling/v2beta1') {
    edits.push(...hpaEdits(file, r));
  }
  return { edits, note };
}

export function migrateApiFixes(env: ActionEnv, d: Diagnostic): CodeAction[] {
  const r = locateRange(env.file, d.range)?.resource;
  if (!r) return [];
  const given = dataOf<{ replacement: string }>(d).replacement;
  const target = typeof given === 'string' && given ? given : replacementFor(r.apiVersion, r.kind);
  if (!target || target === r.apiVersion) return [];
  const m = migrationEdits(env.file, r, target);
  if (!m) return [];
  const title = `Migrate ${r.kind} to ${target}` + (m.note ? ` (${m.note})` : '');
  return [action(title, 'quickfix', fileEdit(env.file, m.edits), d, true)];
}
