// Hover section for selectors (what they match) and for pod templates and
// labelled objects (which selectors select them).

import { isSelector } from '../model/references';
import { atPosition, logFeatureError } from './context';
import type { HoverRequest, HoverSection } from './hover';
import { describe, locate } from './xrefLocations';

const MAX_LISTED = 20;

function list(items: string[]): string {
  const shown = items.slice(0, MAX_LISTED).map((s) => `- ${s}`);
  if (items.length > MAX_LISTED) shown.push(`- … and ${items.length - MAX_LISTED} more`);
  return shown.join('\n');
}

export function selectorHover(req: HoverRequest): HoverSection | undefined {
  try {
    const g = req.ctx.services.graph;
    const at = locate(g, req.file.uri, req.position);
    if (!at) return undefined;
    if (at.type === 'reference' && isSelector(at.ref)) {
      const r = at.ref;
      const targets = g.resolve(r);
      const head = `**${r.relation.label}** \`${r.text}\``;
      if (targets.length === 0) return { markdown: `${head} matches nothing in the workspace.` };
      const items = targets.map((t) => (t.template ? `${describe(t.entry)} (${t.template.replicas} pod${t.template.replicas === 1 ? '' : 's'})` : describe(t.entry)));
      return { markdown: `${head} matches ${targets.length}:\n\n${list(items)}` };
    }
    if (at.type === 'label' || (at.type === 'resource' && at.entry.template)) {
      const by = g.selectorsSelecting(at.entry).filter((r) => r.source !== at.entry || r.relation.targets !== 'own-template');
      if (by.length === 0) return at.type === 'label' ? { markdown: 'Not selected by any selector in the workspace.' } : undefined;
      return { markdown: `Selected by:\n\n${list(by.map((r) => `${describe(r.source)} — ${r.relation.label} \`${r.text}\``))}` };
    }
    return undefined;
  } catch (err) {
    logFeatureError(req.ctx.log, 'textDocument/hover selectorHover', err, atPosition(req.file.uri, req.position));
    return undefined;
  }
}
