// Completion of `kind:` and `apiVersion:` values. Choosing a kind also fixes the
// apiVersion next to it when that is missing or does not serve the kind.

import { CompletionItemKind, MarkupKind, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { allKinds, type KindInfo, type SchemaContext } from '../../schema/index';
import type { SiblingKey } from './position';

/** Orders versions the way kubectl prefers them: GA before beta before alpha, newer first. */
export function versionRank(version: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
  if (!m) return 0;
  const major = Number(m[1]);
  const stability = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
  const minor = m[3] === undefined ? 0 : Number(m[3]);
  return stability * 1_000_000 + major * 1000 + minor;
}

/** Better first: built-in before CRD, core group first, then by version preference. */
function compareKinds(a: KindInfo, b: KindInfo): number {
  const src = (k: KindInfo) => (k.source.type === 'builtin' ? 0 : 1);
  if (src(a) !== src(b)) return src(a) - src(b);
  if ((a.group === '') !== (b.group === '')) return a.group === '' ? -1 : 1;
  return versionRank(b.version) - versionRank(a.version);
}

/** One entry per kind name: its preferred version first, then the other versions. */
export function kindsByPreference(ctx?: SchemaContext): Map<string, KindInfo[]> {
  const byName = new Map<string, KindInfo[]>();
  for (const k of allKinds(ctx)) {
    const list = byName.get(k.kind);
    if (list) list.push(k);
    else byName.set(k.kind, [k]);
  }
  for (const list of byName.values()) list.sort(compareKinds);
  return byName;
}

export function sourceLine(info: KindInfo): string {
  return info.source.type === 'builtin'
    ? `Schema: bundled Kubernetes v${info.source.kubernetesVersion}`
    : `Schema: CustomResourceDefinition \`${info.source.crdName}\` in ${info.source.uri}`;
}

function kindDocumentation(info: KindInfo, others: KindInfo[]): string {
  const parts = [`**${info.kind}** — \`${info.apiVersion}\`${info.namespaced === false ? ' (cluster-scoped)' : info.namespaced ? ' (namespaced)' : ''}`];
  if (info.description) parts.push(info.description);
  if (others.length > 0) parts.push(`Also served as: ${others.map((o) => `\`${o.apiVersion}\``).join(', ')}`);
  parts.push(sourceLine(info));
  return parts.join('\n\n');
}

export interface ValueEditSite {
  line: number;
  replace: [number, number];
  /** Column of the `kind` key (where a missing apiVersion line is inserted). */
  keyCol: number;
  siblings: Map<string, SiblingKey>;
}

/** Completions for the value of `kind:`. */
export function kindCompletions(ctx: SchemaContext, site: ValueEditSite): CompletionItem[] {
  const apiVersion = site.siblings.get('apiVersion');
  const items: CompletionItem[] = [];
  for (const [kind, infos] of kindsByPreference(ctx)) {
    const current = apiVersion?.value ? infos.find((i) => i.apiVersion === apiVersion.value) : undefined;
    const chosen = current ?? infos[0];
    const additionalTextEdits: TextEdit[] = [];
    if (!current) {
      if (apiVersion && apiVersion.valueCol !== undefined) {
        const end = apiVersion.valueCol + (apiVersion.value?.length ?? 0);
        additionalTextEdits.push({
          range: { start: { line: apiVersion.line, character: apiVersion.valueCol }, end: { line: apiVersion.line, character: Math.max(end, apiVersion.valueCol) } },
          newText: chosen.apiVersion,
        });
      } else if (!apiVersion) {
        const at = { line: site.line, character: site.keyCol };
        additionalTextEdits.push({ range: { start: at, end: at }, newText: `apiVersion: ${chosen.apiVersion}\n${' '.repeat(site.keyCol)}` });
      }
    }
    items.push({
      label: kind,
      kind: CompletionItemKind.Class,
      detail: chosen.apiVersion,
      sortText: `${chosen.source.type === 'builtin' ? '0' : '1'}_${kind}`,
      documentation: { kind: MarkupKind.Markdown, value: kindDocumentation(chosen, infos.filter((i) => i !== chosen)) },
      textEdit: { range: { start: { line: site.line, character: site.replace[0] }, end: { line: site.line, character: site.replace[1] } }, newText: kind },
      additionalTextEdits: additionalTextEdits.length > 0 ? additionalTextEdits : undefined,
    });
  }
  return items;
}

/** Completions for the value of `apiVersion:`: the versions serving the kind next to it, else all. */
export function apiVersionCompletions(ctx: SchemaContext, site: ValueEditSite): CompletionItem[] {
  const kind = site.siblings.get('kind')?.value;
  const byName = kindsByPreference(ctx);
  const serving = kind ? byName.get(kind) : undefined;
  const versions = new Map<string, { rank: number; kinds: string[]; crd: boolean }>();
  const candidates = serving ?? [...byName.values()].flat();
  candidates.forEach((info, i) => {
    const entry = versions.get(info.apiVersion);
    if (entry) entry.kinds.push(info.kind);
    else versions.set(info.apiVersion, { rank: serving ? i : 0, kinds: [info.kind], crd: info.source.type === 'crd' });
  });
  const range = { start: { line: site.line, character: site.replace[0] }, end: { line: site.line, character: site.replace[1] } };
  return [...versions].map(([apiVersion, e]) => {
    const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
    const order = serving ? String(e.rank).padStart(3, '0') : `${e.crd ? 1 : 0}${String(9_999_999 - versionRank(version)).padStart(7, '0')}`;
    const shown = e.kinds.slice(0, 12).join(', ') + (e.kinds.length > 12 ? ', …' : '');
    return {
      label: apiVersion,
      kind: CompletionItemKind.Module,
      detail: serving ? `serves ${kind}` : `${e.kinds.length} kind${e.kinds.length === 1 ? '' : 's'}`,
      sortText: `${order}_${apiVersion}`,
      documentation: { kind: MarkupKind.Markdown, value: `\`${apiVersion}\` serves: ${shown}` },
      textEdit: { range, newText: apiVersion },
    };
  });
}
