// Shared by the model-backed completion sources (names, labels, nodes): the
// request's environment, "where does this come from" text, YAML-safe insert text.

import { posix } from 'node:path';
import { parse } from 'yaml';
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Node } from 'yaml';
import { nodeAtPath, scalarString } from '../../model/ast';
import type { IndexedResource } from '../../model/index';
import type { ManifestDoc } from '../../model/parse';
import type { FeatureContext } from '../context';
import type { CursorSite, PathSegment } from './position';

/** Everything a source needs about the request. */
export interface CompletionEnv {
  ctx: FeatureContext;
  uri: string;
  doc: ManifestDoc;
  /** Path of the resource inside the document ([] or ['items', n]). */
  prefix: PathSegment[];
  group: string;
  kind: string;
  /** The index entry of the resource at the cursor (undefined while it has no apiVersion/kind). */
  entry?: IndexedResource;
  /** Effective namespace of the resource at the cursor. */
  namespace: string;
  site: CursorSite;
  /** File line of the cursor. */
  line: number;
}

/** A scalar of the document at a path relative to the resource (read from the tolerant AST). */
export function readAt(env: CompletionEnv, path: readonly PathSegment[]): string | undefined {
  return scalarString(nodeAtPath(env.doc.yaml.contents as Node | null, [...env.prefix, ...path]));
}

/** A sibling of the cursor's map: from the text (half-typed lines, flow) first, else the AST. */
export function siblingValue(env: CompletionEnv, key: string): string | undefined {
  const s = env.site.siblings.get(key);
  if (s?.value) return unquote(s.value);
  const parent = env.site.type === 'value' ? env.site.path.slice(0, -1) : env.site.path;
  return readAt(env, [...parent.slice(env.prefix.length), key]);
}

export function unquote(v: string): string {
  const t = v.trim();
  if (/^"(.*)"$/.test(t)) {
    try {
      return JSON.parse(t) as string;
    } catch {
      return t.slice(1, -1);
    }
  }
  if (/^'(.*)'$/.test(t)) return t.slice(1, -1).replace(/''/g, "'");
  return t;
}

/** Plain words that YAML 1.1 (what kubectl's parser follows) reads as booleans or null. */
const YAML11_WORDS = /^(y|n|yes|no|on|off|true|false|null|~)$/i;
const PLAIN_WORD = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

/** The value as YAML text that reads back as this string (`"8080"`, `"true"`, `"no"` are quoted). */
export function yamlString(v: string): string {
  if (PLAIN_WORD.test(v)) return YAML11_WORDS.test(v) ? JSON.stringify(v) : v; // the common case, without a parse
  let back: unknown;
  try {
    back = parse(v);
  } catch {
    back = undefined;
  }
  return back === v && !YAML11_WORDS.test(v) && !/[,[\]{}#]|^\s|\s$/.test(v) ? v : JSON.stringify(v);
}

/** `file.yaml:12` (relative to the requesting file), linked to the line. */
export function whereLink(env: CompletionEnv, e: IndexedResource, node?: Node | null): string {
  const file = env.ctx.workspace.get(e.uri);
  const offset = e.resource.doc.start + (node?.range?.[0] ?? e.resource.node.range?.[0] ?? 0);
  const line = file ? file.lines.positionAt(offset).line + 1 : 1;
  return `[${displayPath(env.uri, e.uri)}:${line}](${e.uri}#L${line})`;
}

/** Pure cache: (directory, uri) -> display path, a function of the two strings (bounded). */
const displayCache = new Map<string, string>();

/** `to` as a path relative to the directory of `from` (cached: the same few files recur). */
export function displayPath(from: string, to: string): string {
  if (from === to) return 'this file';
  const fromDir = from.slice(0, from.lastIndexOf('/'));
  const key = `${fromDir}\u0000${to}`;
  let out = displayCache.get(key);
  if (out === undefined) {
    const path = (u: string) => decodeURIComponent(u.replace(/^[a-z]+:\/\//, ''));
    const rel = posix.relative(path(fromDir), path(to));
    out = rel.length < path(to).length ? rel : path(to);
    if (displayCache.size > 20_000) displayCache.clear();
    displayCache.set(key, out);
  }
  return out;
}

/** How near an object is to the file being edited: same file, same directory, below/above it, elsewhere. */
export function nearness(fromUri: string, toUri: string): number {
  if (fromUri === toUri) return 0;
  const dir = (u: string) => u.slice(0, u.lastIndexOf('/'));
  const a = dir(fromUri);
  const b = dir(toUri);
  if (a === b) return 1;
  if (a.startsWith(b + '/') || b.startsWith(a + '/')) return 2;
  return 3;
}

/** A value item replacing the word at the cursor. */
export function valueItem(env: CompletionEnv, label: string, opts: { detail?: string; doc: string; sort: string; kind?: CompletionItemKind; insert?: string }): CompletionItem {
  const replace = env.site.replace;
  return {
    label,
    kind: opts.kind ?? CompletionItemKind.Value,
    detail: opts.detail,
    sortText: `0${opts.sort}`,
    filterText: label,
    documentation: { kind: MarkupKind.Markdown, value: opts.doc },
    textEdit: { range: { start: { line: env.line, character: replace[0] }, end: { line: env.line, character: replace[1] } }, newText: opts.insert ?? yamlString(label) },
  };
}

/** Re-opens the suggestion list after a key is inserted, so its values come next. */
export const SUGGEST_AGAIN = { title: 'Suggest values', command: 'editor.action.triggerSuggest' };

/** A key item (`key: `) for a map; values are suggested right after. */
export function keyItem(env: CompletionEnv, key: string, opts: { detail?: string; doc: string; sort: string }): CompletionItem {
  const site = env.site;
  const replace = site.replace;
  const keyExists = site.type === 'key' && site.keyExists;
  const text = /^[\w./-]+$/.test(key) ? key : JSON.stringify(key);
  return {
    label: key,
    kind: CompletionItemKind.Property,
    detail: opts.detail,
    sortText: `0${opts.sort}`,
    documentation: { kind: MarkupKind.Markdown, value: opts.doc },
    textEdit: { range: { start: { line: env.line, character: replace[0] }, end: { line: env.line, character: replace[1] } }, newText: keyExists ? text : `${text}: ` },
    command: keyExists ? undefined : SUGGEST_AGAIN,
  };
}

/** A descending-count sort key (most used first), then alphabetical. */
export function countSort(count: number, name: string): string {
  return `${String(1e6 - Math.min(count, 999_999)).padStart(7, '0')}_${name}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
