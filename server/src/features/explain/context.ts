// What every explanation needs to know about the cursor: the resource, its
// index entry, and (inside a pod template) the pod spec and the path below it.

import { isMap, type YAMLMap } from 'yaml';
import { nodeAtPath, type PathSegment } from '../../model/ast';
import type { IndexedResource } from '../../model/index';
import { toPlain } from '../../model/parse';

import { podHolderOf, type PodHolder } from '../../model/relations';
import type { HoverRequest } from '../hover';
import type { PodSpec } from '../../sim/types';

export interface PodSpecAt {
  holder: PodHolder;
  /** Path of the pod spec inside the resource. */
  specPath: PathSegment[];
  /** The cursor's path below the pod spec. */
  rel: PathSegment[];
  specNode: YAMLMap;
  /** The pod spec as plain JSON (bounded aliases); `{}` when it cannot be converted. */
  spec: PodSpec;
}

/** The pod spec containing the cursor, if the cursor is inside one. */
export function podSpecAt(req: HoverRequest): PodSpecAt | undefined {
  const r = req.resource;
  if (!r) return undefined;
  const holder = podHolderOf(r.group, r.kind);
  if (!holder) return undefined;
  const specPath = [...holder.templatePath, 'spec'];
  const p = req.resourcePath;
  if (p.length < specPath.length || specPath.some((s, i) => p[i] !== s)) return undefined;
  const specNode = nodeAtPath(r.node, specPath);
  if (!isMap(specNode)) return undefined;
  const plain = toPlain(r.doc, specNode);
  const spec = (plain && typeof plain === 'object' && !Array.isArray(plain) ? plain : {}) as PodSpec;
  return { holder, specPath, rel: p.slice(specPath.length), specNode, spec };
}

/** The index entry (kind, effective namespace, name) of the hovered resource. */
export function entryAt(req: HoverRequest): IndexedResource | undefined {
  return req.resource ? req.ctx.services.graph.index.entryOf(req.resource) : undefined;
}

/** `Deployment web` / `Deployment prod/web`. */
export function title(e: { kind: string; name: string; namespace?: string }): string {
  return `${e.kind} ${e.namespace && e.namespace !== 'default' ? `${e.namespace}/` : ''}${e.name || '(unnamed)'}`;
}

/** Markdown bullet list, cut after `max` items. */
export function bullets(items: string[], max = 12): string {
  const shown = items.slice(0, max).map((s) => `- ${s}`);
  if (items.length > max) shown.push(`- … and ${items.length - max} more`);
  return shown.join('\n');
}

export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** Inline code, safe for values containing backticks. */
export function code(s: string | number): string {
  const t = String(s);
  return t.includes('`') ? `\`\` ${t} \`\`` : `\`${t}\``;
}
