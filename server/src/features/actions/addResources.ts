// "Add resource requests and limits" to containers that lack them. Defaults are a
// small starting point; when one side exists the other copies it, so limits are never
// below requests.

import { isMap, type YAMLMap } from 'yaml';
import type { CodeAction } from 'vscode-languageserver-types';
import type { Resource } from '../../model/parse';
import { addPairs, pairIn, setPairValue, type OffsetEdit } from '../../model/edit';
import { action, fileEdit, stringEntries, type ActionEnv } from './common';
import { containerAt, containersOf } from './workloads';

export const DEFAULT_REQUESTS = { cpu: '100m', memory: '128Mi' };
export const DEFAULT_LIMITS = { cpu: '500m', memory: '256Mi' };

function resourcesEdit(env: ActionEnv, r: Resource, container: YAMLMap): OffsetEdit | undefined {
  const { file } = env;
  const resPair = pairIn(container, 'resources');
  if (!resPair) return addPairs(file, r.doc, container, { resources: { requests: DEFAULT_REQUESTS, limits: DEFAULT_LIMITS } });
  if (!isMap(resPair.value)) return setPairValue(file, r.doc, resPair, { requests: DEFAULT_REQUESTS, limits: DEFAULT_LIMITS });
  const res = resPair.value;
  const requests = res.get('requests', true);
  const limits = res.get('limits', true);
  const hasReq = isMap(requests) && requests.items.length > 0;
  const hasLim = isMap(limits) && limits.items.length > 0;
  if (hasReq && hasLim) return undefined;
  if (hasReq) return addPairs(file, r.doc, res, { limits: stringEntries(requests) }, { ownerPair: resPair });
  if (hasLim) return addPairs(file, r.doc, res, { requests: stringEntries(limits) }, { ownerPair: resPair });
  return setPairValue(file, r.doc, resPair, { requests: DEFAULT_REQUESTS, limits: DEFAULT_LIMITS });
}

export function addResourcesActions(env: ActionEnv, r: Resource, local: number): CodeAction[] {
  const at = containerAt(r, local);
  const targets = at ? [at] : containersOf(r, true);
  const edits: OffsetEdit[] = [];
  for (const c of targets) {
    const e = resourcesEdit(env, r, c.map);
    if (e) edits.push(e);
  }
  if (edits.length === 0) return [];
  const title = at ? `Add resource requests and limits to container "${at.name ?? '?'}"` : `Add resource requests and limits to ${edits.length} container${edits.length === 1 ? '' : 's'}`;
  return [action(title, 'refactor.rewrite', fileEdit(env.file, edits))];
}
