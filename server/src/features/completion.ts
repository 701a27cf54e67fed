// Completion: from the schema (keys at any depth, enum and boolean values, `kind`
// fixing `apiVersion`, `apiVersion`, whole-resource snippets at the top level of a
// document without a kind) and from the workspace model (completion/fromModel.ts:
// names, keys, ports, labels, node labels and taints that exist, one source per
// row of the relations table). The cursor's structural position comes from the
// text (completion/position.ts, flow.ts), so half-typed lines and flow
// collections work; only the document at the cursor is parsed.

import { isMap, isScalar, type Node } from 'yaml';
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Range,
} from 'vscode-languageserver-types';
import { nodeAtPath, scalarString } from '../model/ast';
import type { IndexedResource } from '../model/index';
import { DocCacheSlot, docAt, type ManifestDoc } from '../model/parse';
import type { Position } from '../model/text';
import { deref, getKindInfo, getSchemaForResource, resolveSchemaAtPath, type SchemaNode } from '../schema/index';
import { atPosition, logFeatureError, type FeatureContext } from './context';
import { fieldMarkdown, typeLabel } from './hoverSchema';
import { apiVersionCompletions, kindCompletions } from './completion/kinds';
import { analyseCursor, YamlOutline, type CursorSite, type PathSegment } from './completion/position';
import { expandSnippet, RESOURCE_SNIPPETS } from './completion/snippets';
import { modelCompletions } from './completion/fromModel';
import type { CompletionEnv } from './completion/modelCommon';

const OUTLINE_CACHE = new DocCacheSlot<YamlOutline>('completion.outline');
const EMPTY: CompletionList = { isIncomplete: false, items: [] };

/** Conventional order of a resource's top-level keys. */
const TOP_LEVEL_ORDER = ['apiVersion', 'kind', 'metadata', 'spec', 'data', 'stringData', 'type'];

function outlineOf(doc: ManifestDoc): YamlOutline {
  let outline = doc.cache.get(OUTLINE_CACHE);
  if (!outline) {
    outline = new YamlOutline(doc.text.split(/\r\n|\r|\n/));
    doc.cache.set(OUTLINE_CACHE, outline);
  }
  return outline;
}

interface ResourceType {
  apiVersion?: string;
  kind?: string;
  /** Path of the resource inside the document ([] or ['items', n]). */
  prefix: PathSegment[];
}

/** apiVersion/kind of the object the path is in: read from the text, so a broken document still works. */
function resourceTypeAt(doc: ManifestDoc, outline: YamlOutline, path: readonly PathSegment[]): ResourceType {
  const top: ResourceType = { prefix: [] };
  outline.shapes.forEach((s) => {
    if (s.ignorable || s.indent !== 0 || s.dashes.length > 0 || !s.key || !s.value) return;
    if (s.key === 'apiVersion' && top.apiVersion === undefined) top.apiVersion = s.value;
    if (s.key === 'kind' && top.kind === undefined) top.kind = s.value;
  });
  if (top.kind?.endsWith('List') && path[0] === 'items' && typeof path[1] === 'number') {
    const item = nodeAtPath(doc.yaml.contents as Node | null, path.slice(0, 2));
    const str = (k: string) => {
      const v = isMap(item) ? item.get(k, true) : undefined;
      return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
    };
    return { apiVersion: str('apiVersion'), kind: str('kind'), prefix: path.slice(0, 2) };
  }
  return top;
}

function splitApiVersion(apiVersion: string): [string, string] {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

function schemaOf(ctx: FeatureContext, t: ResourceType): SchemaNode | undefined {
  if (!t.apiVersion || !t.kind) return undefined;
  const [group, version] = splitApiVersion(t.apiVersion);
  return getSchemaForResource(group, version, t.kind, ctx);
}

function lineRange(line: number, [start, end]: [number, number]): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function isObjectLike(node: SchemaNode): boolean {
  if (node.intOrString || node.format === 'quantity') return false;
  const d = deref(node);
  const type = node.type ?? d.type;
  return type === 'object' || (!type && (!!d.properties || typeof d.additionalProperties === 'object'));
}

/** Text inserted for a key: `key: `, `key:\n  ` (objects) or `key:\n  - ` (arrays), indented from `col`. */
function keyInsertText(name: string, node: SchemaNode | undefined, col: number): string {
  const key = escapeSnippet(name);
  if (!node) return `${key}: $0`;
  const type = node.type ?? deref(node).type;
  const pad = ' '.repeat(col + 2);
  if (type === 'array') return `${key}:\n${pad}- $0`;
  if (isObjectLike(node)) return `${key}:\n${pad}$0`;
  return `${key}: $0`;
}

function keyItems(schema: SchemaNode, site: Extract<CursorSite, { type: 'key' }>, line: number, topLevel: boolean): CompletionItem[] {
  const d = deref(schema);
  const props = d.properties ?? {};
  const required = new Set(d.required ?? []);
  const items: CompletionItem[] = [];
  for (const [name, node] of Object.entries(props)) {
    if (site.siblings.has(name)) continue;
    if (topLevel && name === 'status') continue; // written by controllers, not by people
    const order = topLevel && TOP_LEVEL_ORDER.includes(name) ? String(TOP_LEVEL_ORDER.indexOf(name)) : '9';
    const description = node.description ?? deref(node).description ?? '';
    items.push({
      label: name,
      kind: isObjectLike(node) || (node.type ?? deref(node).type) === 'array' ? CompletionItemKind.Module : CompletionItemKind.Property,
      detail: `${typeLabel(node)}${required.has(name) ? ' (required)' : ''}`,
      sortText: `${required.has(name) ? '0' : '1'}${order}_${name}`,
      documentation: { kind: MarkupKind.Markdown, value: fieldMarkdown(name, node, required.has(name)) },
      tags: /^Deprecated[:.]|^DEPRECATED/.test(description) ? [CompletionItemTag.Deprecated] : undefined,
      textEdit: { range: lineRange(line, site.replace), newText: site.keyExists ? name : site.flow ? `${escapeSnippet(name)}: $0` : keyInsertText(name, node, site.col) },
      insertTextFormat: site.keyExists ? InsertTextFormat.PlainText : InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
    });
  }
  return items;
}

/** Enum and boolean values for a scalar field. */
function valueItems(node: SchemaNode, line: number, replace: [number, number]): CompletionItem[] {
  const d = deref(node);
  const def = node.default ?? d.default;
  const en = node.enum ?? d.enum;
  const type = node.type ?? d.type;
  const values: unknown[] = en && en.length > 0 ? en : type === 'boolean' ? [true, false] : [];
  const description = node.description ?? d.description;
  return values.map((v, i) => ({
    label: String(v),
    kind: CompletionItemKind.EnumMember,
    detail: v === def ? `${typeLabel(node)} (default)` : typeLabel(node),
    sortText: `${v === def ? '0' : '1'}${String(i).padStart(3, '0')}`,
    documentation: description ? { kind: MarkupKind.Markdown, value: description } : undefined,
    textEdit: { range: lineRange(line, replace), newText: String(v) },
  }));
}

function snippetItems(ctx: FeatureContext, line: number, replace: [number, number]): CompletionItem[] {
  return RESOURCE_SNIPPETS.map((s, i) => {
    const [group, version] = splitApiVersion(s.apiVersion);
    const description = getKindInfo(group, version, s.kind, ctx)?.description;
    const preview = '```yaml\n' + expandSnippet(s.body) + '```';
    return {
      label: s.kind,
      kind: CompletionItemKind.Snippet,
      detail: `${s.apiVersion} ${s.kind} (whole resource)`,
      filterText: s.kind,
      sortText: `2${String(i).padStart(2, '0')}`,
      documentation: { kind: MarkupKind.Markdown, value: (description ? description + '\n\n' : '') + preview },
      textEdit: { range: lineRange(line, replace), newText: s.body },
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
    };
  });
}

/** Keys of a resource whose kind is not known yet. */
const BARE_TOP_LEVEL: Array<[string, string]> = [
  ['apiVersion', 'Versioned schema of this object, e.g. `apps/v1` or `v1`.'],
  ['kind', 'The type of the object, e.g. `Deployment`. Choosing a kind fills in its apiVersion.'],
  ['metadata', 'Standard object metadata: name, namespace, labels, annotations.'],
];

function bareTopLevelItems(site: Extract<CursorSite, { type: 'key' }>, line: number): CompletionItem[] {
  return BARE_TOP_LEVEL.filter(([k]) => !site.siblings.has(k)).map(([k, doc], i) => ({
    label: k,
    kind: k === 'metadata' ? CompletionItemKind.Module : CompletionItemKind.Property,
    sortText: `0${i}_${k}`,
    documentation: { kind: MarkupKind.Markdown, value: doc },
    textEdit: { range: lineRange(line, site.replace), newText: site.keyExists ? k : k === 'metadata' ? `metadata:\n${' '.repeat(site.col + 2)}name: $0` : `${k}: $0` },
    insertTextFormat: site.keyExists ? InsertTextFormat.PlainText : InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
  }));
}

/** The environment of the model-backed sources: the resource at the cursor and its namespace. */
function modelEnv(ctx: FeatureContext, uri: string, doc: ManifestDoc, type: ResourceType, site: CursorSite, line: number): CompletionEnv | undefined {
  if (!type.apiVersion || !type.kind) return undefined;
  const [group] = splitApiVersion(type.apiVersion);
  const listIndex = type.prefix.length === 2 ? (type.prefix[1] as number) : undefined;
  const writtenNs = scalarString(nodeAtPath(doc.yaml.contents as Node | null, [...type.prefix, 'metadata', 'namespace']));
  let entry: { value?: IndexedResource } | undefined;
  return {
    ctx,
    uri,
    doc,
    prefix: type.prefix,
    group,
    kind: type.kind,
    // Looked up only by the sources that need it: the lookup brings the index up to date.
    get entry() {
      entry ??= { value: ctx.services.graph.index.inFile(uri).find((e) => e.resource.doc === doc && e.resource.listIndex === listIndex) };
      return entry.value;
    },
    namespace: writtenNs || 'default',
    site,
    line,
  };
}

/** Items from the workspace model at the cursor (names, keys, ports, labels, nodes, taints); never throws. */
function fromModel(ctx: FeatureContext, uri: string, doc: ManifestDoc, type: ResourceType, site: CursorSite, rel: PathSegment[], line: number): CompletionItem[] | undefined {
  try {
    const env = modelEnv(ctx, uri, doc, type, site, line);
    return env ? modelCompletions(env, rel) : undefined;
  } catch (err) {
    // The schema items still come; the log keeps the failure.
    logFeatureError(ctx.log, 'model completion', err, `${uri}:${line + 1}`);
    return undefined;
  }
}

function complete(ctx: FeatureContext, uri: string, position: Position): CompletionList {
  const file = ctx.workspace.get(uri);
  if (!file) return EMPTY;
  const offset = file.lines.offsetAt(position);
  const doc = docAt(file, offset);
  if (!doc) return EMPTY;
  const docLine = file.lines.positionAt(doc.start).line;
  const outline = outlineOf(doc);
  const line = position.line - docLine;
  const site = analyseCursor(outline, line, position.character);
  if (!site) return EMPTY;
  const type = resourceTypeAt(doc, outline, site.path);
  const rel = site.path.slice(type.prefix.length);
  const model = fromModel(ctx, uri, doc, type, site, rel, position.line) ?? [];

  if (site.type === 'value') {
    // Edits are in file lines; the outline counts lines from the document's start.
    const siblings = new Map([...site.siblings].map(([k, s]) => [k, { ...s, line: s.line + docLine }]));
    const editSite = { line: position.line, replace: site.replace, keyCol: site.col, siblings };
    if (rel.length === 1 && rel[0] === 'kind') return { isIncomplete: false, items: kindCompletions(ctx, editSite) };
    if (rel.length === 1 && rel[0] === 'apiVersion') return { isIncomplete: false, items: apiVersionCompletions(ctx, editSite) };
    const root = schemaOf(ctx, type);
    const node = root ? resolveSchemaAtPath(root, rel) : undefined;
    return { isIncomplete: false, items: [...model, ...withoutDuplicates(node ? valueItems(node, position.line, site.replace) : [], model)] };
  }

  const root = schemaOf(ctx, type);
  if (rel.length === 0) {
    const items: CompletionItem[] = root ? keyItems(root, site, position.line, true) : bareTopLevelItems(site, position.line);
    const hasKind = site.siblings.has('kind') || type.kind !== undefined;
    if (type.prefix.length === 0 && !hasKind && site.col === 0 && !site.startsItem && !site.keyExists && !site.flow) items.push(...snippetItems(ctx, position.line, site.replace));
    return { isIncomplete: false, items };
  }
  if (!root) return { isIncomplete: false, items: model };
  const node = resolveSchemaAtPath(root, rel);
  if (!node) return { isIncomplete: false, items: model };
  // `- |` in a list of scalars: the item's values, not keys.
  if (site.startsItem && !isObjectLike(node)) return { isIncomplete: false, items: [...model, ...withoutDuplicates(valueItems(node, position.line, site.replace), model)] };
  return { isIncomplete: false, items: [...model, ...keyItems(node, site, position.line, false)] };
}

/** Schema items whose label a model item already offers (taint effects) are left out. */
function withoutDuplicates(items: CompletionItem[], model: CompletionItem[]): CompletionItem[] {
  if (model.length === 0) return items;
  const labels = new Set(model.map((m) => m.label));
  return items.filter((i) => !labels.has(i.label));
}

/** Completion at a position; never throws (a broken document yields an empty list). */
export function computeCompletion(ctx: FeatureContext, uri: string, position: Position): CompletionList {
  try {
    return complete(ctx, uri, position);
  } catch (err) {
    logFeatureError(ctx.log, 'textDocument/completion', err, atPosition(uri, position));
    return EMPTY;
  }
}
