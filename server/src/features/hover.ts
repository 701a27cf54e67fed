// Hover: a list of providers, each contributing one markdown section for the node
// under the cursor; the sections are joined with a horizontal rule. Providers are
// plain functions of a HoverRequest that only looks at the document at the cursor,
// so hover stays fast in a file with a thousand documents. To add a section,
// append a provider to `hoverProviders`.

import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { MarkupKind, type Hover, type Range } from 'vscode-languageserver-types';
import { nodeAt, type NodeAtOffset, type PathSegment } from '../model/ast';
import { docAt, resourceAt, type ManifestDoc, type Resource, type SourceFile } from '../model/parse';
import type { Position } from '../model/text';
import { atPosition, logFeatureError, type FeatureContext } from './context';
import { schemaHoverProviders } from './hoverSchema';
import { selectorHover } from './hoverSelector';
import { explainHover } from './hoverExplain';

export interface HoverRequest {
  ctx: FeatureContext;
  file: SourceFile;
  doc: ManifestDoc;
  position: Position;
  /** Offset in the file. */
  offset: number;
  /** Offset in `doc.text` (node ranges are chunk-local). */
  localOffset: number;
  /** The node at the cursor, with its path from the document root. */
  at: NodeAtOffset;
  /** The Kubernetes object containing the cursor (a List item when inside `items`). */
  resource?: Resource;
  /** `at.path` relative to `resource` (the `items`/index prefix of a List item removed). */
  resourcePath: PathSegment[];
}

export interface HoverSection {
  markdown: string;
  /** Range to highlight; the hovered node's range when omitted. */
  range?: Range;
}

export type HoverProvider = (req: HoverRequest) => HoverSection | undefined;

/** Providers in display order; other features append theirs. */
export const hoverProviders: HoverProvider[] = [...schemaHoverProviders, selectorHover, explainHover];

const SEPARATOR = '\n\n---\n\n';

/** Builds the request for a position; undefined when there is no document there. */
export function hoverRequest(ctx: FeatureContext, uri: string, position: Position): HoverRequest | undefined {
  const file = ctx.workspace.get(uri);
  if (!file || file.isTemplate) return undefined;
  const offset = file.lines.offsetAt(position);
  const doc = docAt(file, offset);
  if (!doc) return undefined;
  const localOffset = offset - doc.start;
  const root = doc.yaml.contents as Node | null;
  const at = nodeAt(root, localOffset);
  const resource = resourceAt(doc, localOffset);
  let resourcePath = at.path;
  if (resource?.listIndex !== undefined) {
    if (at.path[0] !== 'items' || at.path[1] !== resource.listIndex) return { ctx, file, doc, position, offset, localOffset, at, resourcePath: [] };
    resourcePath = at.path.slice(2);
  }
  return { ctx, file, doc, position, offset, localOffset, at, resource, resourcePath };
}

function nodeRange(req: HoverRequest): Range | undefined {
  const n = req.at.node;
  if (!n || !(isScalar(n) || isMap(n) || isSeq(n)) || !n.range) return undefined;
  if (!isScalar(n)) return undefined; // highlighting a whole block is noise
  return req.file.lines.range(req.doc.start + n.range[0], req.doc.start + n.range[1]);
}

/** The hover for a position: every provider's section, joined; null when none applies. */
export function computeHover(ctx: FeatureContext, uri: string, position: Position): Hover | null {
  let req: HoverRequest | undefined;
  try {
    req = hoverRequest(ctx, uri, position);
  } catch (err) {
    logFeatureError(ctx.log, 'textDocument/hover', err, atPosition(uri, position));
    return null;
  }
  if (!req) return null;
  const sections: HoverSection[] = [];
  for (const provider of hoverProviders) {
    try {
      const s = provider(req);
      if (s && s.markdown) sections.push(s);
    } catch (err) {
      // A failing provider must not hide the others' sections.
      logFeatureError(ctx.log, `textDocument/hover ${provider.name || 'section'}`, err, atPosition(uri, position));
    }
  }
  if (sections.length === 0) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.map((s) => s.markdown).join(SEPARATOR) },
    range: sections.find((s) => s.range)?.range ?? nodeRange(req),
  };
}
