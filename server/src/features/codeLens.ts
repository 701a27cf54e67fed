// Code lenses: on selectors of Services, NetworkPolicies, PDBs and pod monitors
// ("selects 3 pods in 2 workloads"), and on workloads ("selected by Service
// web, NetworkPolicy allow-db").

import type { CodeLens, Command, Location, Range } from 'vscode-languageserver-types';
import { isSelector, type SelectorReference } from '../model/references';
import { SHOW_REFERENCES_COMMAND, SIMULATE_APPLY_COMMAND, type ShowReferencesArgs } from '../protocol';
import { logFeatureError, type FeatureContext } from './context';
import { referenceTargets } from './definition';
import { keyNodeOf, locationOf, rangeIn } from './xrefLocations';


/** Kinds that create pods: they get a "Simulate apply" lens. */
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Pod']);

function showReferences(title: string, uri: string, range: Range, locations: Location[]): Command {
  return locations.length === 0 ? { title, command: '' } : { title, command: SHOW_REFERENCES_COMMAND, arguments: [uri, range.start, locations] satisfies ShowReferencesArgs };
}

/** Selectors that decide which pods a policy or Service applies to (not scheduling constraints). */
function appliesToPods(r: SelectorReference): boolean {
  return r.relation.targets === 'pods' && r.relation.id !== 'pod-affinity' && r.relation.id !== 'topology-spread';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function codeLenses(ctx: FeatureContext, uri: string): CodeLens[] {
  try {
    const g = ctx.services.graph;
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
      out.push({ range: { start: range.start, end: range.start }, command: showReferences(title, uri, range, referenceTargets(g, r, 'selector')) });
    }
    for (const e of g.index.inFile(uri)) {
      if (!e.template) continue;
      const by = g.selectorsSelecting(e).filter(appliesToPods);
      if (by.length === 0) continue;
      const range = rangeIn(file, e, e.resource.node);
      if (!range) continue;
      const names = [...new Set(by.map((r) => `${r.source.kind} ${r.source.name}`))];
      const selectors = by.map((r) => locationOf(g.workspace, r.source, keyNodeOf(r) ?? r.node)).filter((l): l is Location => !!l);
      out.push({ range: { start: range.start, end: range.start }, command: showReferences(`selected by ${names.join(', ')}`, uri, range, selectors) });
    }
    for (const doc of file.docs) {
      for (const res of doc.resources) {
        if (!WORKLOAD_KINDS.has(res.kind) || !res.node.range) continue;
        const start = file.lines.positionAt(doc.start + res.node.range[0]);
        out.push({ range: { start, end: start }, command: { title: 'Simulate apply', command: SIMULATE_APPLY_COMMAND, arguments: [uri] } });
      }
    }
    return out;
  } catch (err) {
    logFeatureError(ctx.log, 'textDocument/codeLens', err, uri);
    return [];
  }
}
