// Shared plumbing for code actions: where a diagnostic or cursor sits in the model,
// and how offset edits become an LSP WorkspaceEdit.

import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { CodeAction, CodeActionKind, Diagnostic, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { docAt, resourceAt, type ManifestDoc, type Resource, type SourceFile } from '../../model/parse';
import { nodeAt, type NodeAtOffset } from '../../model/ast';
import { mergeEdits, type OffsetEdit } from '../../model/edit';
import type { FeatureContext } from '../context';

/** What every action provider receives. */
export interface ActionEnv {
  ctx: FeatureContext;
  file: SourceFile;
  /** The client can apply CreateFile operations in a WorkspaceEdit. */
  canCreateFiles: boolean;
}

/** A position in the model: document, resource and the AST node at an offset. */
export interface Located {
  doc: ManifestDoc;
  resource?: Resource;
  /** Chunk-local offset. */
  local: number;
  at: NodeAtOffset;
}

export function locate(file: SourceFile, offset: number): Located | undefined {
  const doc = docAt(file, offset);
  if (!doc) return undefined;
  const local = Math.max(0, offset - doc.start);
  return { doc, resource: resourceAt(doc, local), local, at: nodeAt(doc.yaml.contents as Node | null, local) };
}

export function locateRange(file: SourceFile, range: Range): Located | undefined {
  return locate(file, file.lines.offsetAt(range.start));
}

/** Turns offset edits on one file into LSP text edits (merged so they never overlap). */
export function textEdits(file: SourceFile, edits: OffsetEdit[]): TextEdit[] {
  return mergeEdits(file.text, edits).map((e) => ({ range: file.lines.range(e.start, e.end), newText: e.text }));
}

export function fileEdit(file: SourceFile, edits: OffsetEdit[]): WorkspaceEdit {
  return { changes: { [file.uri]: textEdits(file, edits) } };
}

export function action(title: string, kind: CodeActionKind, edit: WorkspaceEdit, diagnostic?: Diagnostic, isPreferred?: boolean): CodeAction {
  const a: CodeAction = { title, kind, edit };
  if (diagnostic) a.diagnostics = [diagnostic];
  if (isPreferred) a.isPreferred = true;
  return a;
}

/** The data payload of a diagnostic as a record (empty when absent). */
export function dataOf<T>(d: Diagnostic): Partial<T> {
  return d.data && typeof d.data === 'object' ? (d.data as Partial<T>) : {};
}

export function keyName(p: Pair): string {
  return isScalar(p.key) ? String(p.key.value) : String(p.key);
}

/** The map at `path` below a resource node (string keys and sequence indices). */
export function mapAt(root: unknown, path: Array<string | number>): YAMLMap | undefined {
  let cur: unknown = root;
  for (const seg of path) {
    if (typeof seg === 'number') cur = isSeq(cur) ? cur.items[seg] : undefined;
    else cur = isMap(cur) ? cur.get(seg, true) : undefined;
  }
  return isMap(cur) ? cur : undefined;
}

/** String-valued entries of a map (labels, selectors, data). */
export function stringEntries(map: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isMap(map)) return out;
  for (const p of map.items) {
    if (isScalar(p.value) && p.value.value !== null && typeof p.value.value !== 'object') out[keyName(p)] = String(p.value.value);
  }
  return out;
}

/** Edit distance counting an adjacent transposition as one edit (for ranking suggestions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** A file name for a new manifest next to `uri` (e.g. `configmap-app-config.yaml`). */
export function siblingUri(uri: string, base: string, taken: (u: string) => boolean): string {
  const dir = uri.slice(0, uri.lastIndexOf('/') + 1);
  const safe = base.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'resource';
  let candidate = `${dir}${safe}.yaml`;
  for (let i = 2; taken(candidate); i++) candidate = `${dir}${safe}-${i}.yaml`;
  return candidate;
}
