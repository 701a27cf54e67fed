// Code lenses: on selectors of Services, NetworkPolicies, PDBs and pod monitors
// ("selects 3 pods in 2 workloads"), and on workloads ("selected by Service
// web, NetworkPolicy allow-db").

import type { CodeLens } from 'vscode-languageserver-types';
import { graphFor, isSelector, type SelectorReference } from '../model/references';
import type { FeatureContext } from './context';
import { keyNodeOf, rangeIn } from './xrefLocations';

/** Selectors that decide which pods a policy or Service applies to (not scheduling constraints). */
function appliesToPods(r: SelectorReference): boolean {
  return r.relation.targets === 'pods' && r.relation.id !== 'pod-affinity' && r.relation.id !== 'topology-spread';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function codeLenses(ctx: FeatureContext, uri: string): CodeLens[] {
  try {
    const g = graphFor(ctx.workspace);
    const file = ctx.workspace.get(uri);
    if (!file || file.isTemplate) return [];
    const out: CodeLens[] = [];
    for (const r of g.referencesInFile(uri)) {
      if (!isSelector(r) || !appliesToPods(r)) continue;
      const range = rangeIn(file, r.source, keyNodeOf(r) ?? r.node);
      if (!range) continue;
      const targets = g.resolve(r);
      const pods = targets.reduce((n, t) => n + (t.template?.replicas ?? 1), 0);
      const title = targets.length === 0 ? 'selects no pods' : `selects ${plural(pods, 'pod')} in ${plural(targets.length, 'workload')}`;
      out.push({ range: { start: range.start, end: range.start }, command: { title, command: '' } });
    }
    for (const e of g.index.inFile(uri)) {
      if (!e.template) continue;
      const by = g.selectorsSelecting(e).filter(appliesToPods);
      if (by.length === 0) continue;
      const range = rangeIn(file, e, e.resource.node);
      if (!range) continue;
      const names = [...new Set(by.map((r) => `${r.source.kind} ${r.source.name}`))];
      out.push({ range: { start: range.start, end: range.start }, command: { title: `selected by ${names.join(', ')}`, command: '' } });
    }
    return out;
  } catch {
    return [];
  }
}
