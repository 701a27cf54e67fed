// selects-nothing: a Service / NetworkPolicy / PodDisruptionBudget selector matches no
// pods. Offer the closest label sets of pod templates in the same namespace (read
// straight from the workspace, so this works without the cross-reference index).

import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { Resource } from '../../model/parse';
import { pairIn, setPairValue } from '../../model/edit';
import { action, dataOf, editDistance, fileEdit, locateRange, mapAt, stringEntries, type ActionEnv } from './common';
import { identifyingLabels, podTemplateOf } from './workloads';

/** Where each selecting kind keeps its selector, and whether it is a LabelSelector (matchLabels). */
const SELECTOR_FIELD: Record<string, { field: string; labelSelector: boolean }> = {
  Service: { field: 'selector', labelSelector: false },
  NetworkPolicy: { field: 'podSelector', labelSelector: true },
  PodDisruptionBudget: { field: 'selector', labelSelector: true },
};

/** Similarity of a candidate label set to the current selector (higher is closer). */
export function labelSimilarity(selector: Record<string, string>, labels: Record<string, string>): number {
  const closeness = (x: string, y: string) => 1 - editDistance(x, y) / Math.max(x.length, y.length, 1);
  let score = 0;
  for (const [k, v] of Object.entries(selector)) {
    if (labels[k] === v) score += 4;
    else if (k in labels) score += 1 + 2 * closeness(v, labels[k]);
    else if (Object.values(labels).includes(v)) score += 2;
    else score += Math.max(0, ...Object.values(labels).map((lv) => closeness(v, lv)));
  }
  return score;
}

export interface Candidate {
  workload: Resource;
  labels: Record<string, string>;
  score: number;
}

export function closestLabelSets(env: ActionEnv, self: Resource, selector: Record<string, string>, namespace: string, limit = 3): Candidate[] {
  const seen = new Set<string>();
  const all: Candidate[] = [];
  for (const w of env.ctx.workspace.resources()) {
    if (w === self || (w.namespace ?? 'default') !== namespace || !podTemplateOf(w)) continue;
    const labels = identifyingLabels(w);
    const id = JSON.stringify(Object.entries(labels).sort());
    if (Object.keys(labels).length === 0 || seen.has(id)) continue;
    seen.add(id);
    all.push({ workload: w, labels, score: labelSimilarity(selector, labels) });
  }
  all.sort((a, b) => b.score - a.score || (a.workload.name ?? '').localeCompare(b.workload.name ?? ''));
  return all.slice(0, limit);
}

export function selectsNothingFixes(env: ActionEnv, d: Diagnostic): CodeAction[] {
  const r = locateRange(env.file, d.range)?.resource;
  const where = r && SELECTOR_FIELD[r.kind];
  const spec = r && mapAt(r.node, ['spec']);
  if (!r || !where || !spec) return [];
  const data = dataOf<{ namespace: string; selector: Record<string, string> }>(d);
  const pair = pairIn(spec, where.field);
  const current =
    data.selector && typeof data.selector === 'object'
      ? (data.selector as Record<string, string>)
      : stringEntries(where.labelSelector ? mapAt(spec, [where.field, 'matchLabels']) : mapAt(spec, [where.field]));
  const namespace = typeof data.namespace === 'string' && data.namespace ? data.namespace : (r.namespace ?? 'default');
  const out: CodeAction[] = [];
  closestLabelSets(env, r, current, namespace).forEach((c, i) => {
    const value = where.labelSelector ? { matchLabels: c.labels } : c.labels;
    const edit = pair ? setPairValue(env.file, r.doc, pair, value) : undefined;
    if (!edit) return;
    const list = Object.entries(c.labels).map(([k, v]) => `${k}=${v}`).join(', ');
    out.push(action(`Select the pods of ${c.workload.kind} "${c.workload.name ?? '?'}" (${list})`, 'quickfix', fileEdit(env.file, [edit]), d, i === 0));
  });
  return out;
}
