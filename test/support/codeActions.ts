// Test helpers for code actions: a workspace from texts, diagnostics built by hand
// following the diagnostic contract, and WorkspaceEdit application.

import { parseAllDocuments } from 'yaml';
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { Workspace } from '../../server/src/model/workspace';
import { LineIndex } from '../../server/src/model/text';
import type { FeatureContext } from '../../server/src/features/context';
import { codeActions } from '../../server/src/features/codeActions';
import { createFeatureContext } from '../../server/src/features/services';

export function makeCtx(files: Record<string, string>): FeatureContext {
  const workspace = new Workspace();
  for (const [uri, text] of Object.entries(files)) workspace.set(uri, text);
  return createFeatureContext(workspace);
}

/** Range of the `occurrence`-th `needle` in `text` (+ optional sub-range). */
export function rangeOf(text: string, needle: string, occurrence = 0) {
  let idx = -1;
  for (let i = 0; i <= occurrence; i++) {
    idx = text.indexOf(needle, idx + 1);
    if (idx < 0) throw new Error(`'${needle}' not found`);
  }
  const li = new LineIndex(text);
  return li.range(idx, idx + needle.length);
}

export function diag(text: string, needle: string, code: string, data?: unknown, message = code, occurrence = 0): Diagnostic {
  return { range: rangeOf(text, needle, occurrence), severity: 1, source: 'drydock', code, message, data };
}

/** Code actions for a diagnostic (quick fixes) or a cursor at `needle` (refactorings). */
export function actionsFor(ctx: FeatureContext, uri: string, opts: { diagnostic?: Diagnostic; at?: string; only?: string[]; canCreateFiles?: boolean }): CodeAction[] {
  const text = ctx.workspace.get(uri)!.text;
  const range = opts.diagnostic ? opts.diagnostic.range : rangeOf(text, opts.at ?? text.slice(0, 1));
  return codeActions(ctx, { textDocument: { uri }, range, context: { diagnostics: opts.diagnostic ? [opts.diagnostic] : [], only: opts.only } }, { canCreateFiles: opts.canCreateFiles });
}

export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const li = new LineIndex(text);
  const abs = edits.map((e) => ({ s: li.offsetAt(e.range.start), e: li.offsetAt(e.range.end), t: e.newText }));
  // LSP: edits must not overlap.
  const sorted = [...abs].sort((a, b) => a.s - b.s || a.e - b.e);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].s < sorted[i - 1].e) throw new Error('overlapping text edits');
  let out = text;
  for (const e of [...abs].map((x, i) => ({ ...x, i })).sort((a, b) => b.s - a.s || b.i - a.i)) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}

/** Applies a WorkspaceEdit to a map of texts (uri -> text); returns the new map. */
export function applyWorkspaceEdit(texts: Record<string, string>, edit: WorkspaceEdit): Record<string, string> {
  const out = { ...texts };
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) out[uri] = applyTextEdits(out[uri] ?? '', edits);
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind === 'create') out[change.uri] ??= '';
      continue;
    }
    out[change.textDocument.uri] = applyTextEdits(out[change.textDocument.uri] ?? '', change.edits as TextEdit[]);
  }
  return out;
}

/** Applies one action to one file's text. */
export function applyAction(uri: string, text: string, a: CodeAction): string {
  return applyWorkspaceEdit({ [uri]: text }, a.edit!)[uri];
}

/** All documents of a YAML text as plain JS; throws on YAML errors. */
export function parseAll(text: string, opts: { uniqueKeys?: boolean } = {}): any[] {
  const docs = parseAllDocuments(text, { uniqueKeys: opts.uniqueKeys ?? true });
  if (!Array.isArray(docs)) throw new Error('empty stream');
  for (const d of docs) if (d.errors.length > 0) throw new Error(`YAML error: ${d.errors[0].message}\n${text}`);
  return docs.map((d) => d.toJS()).filter((d) => d !== null && d !== undefined);
}

export function find<T extends { title: string }>(actions: T[], re: RegExp): T {
  const a = actions.find((x) => re.test(x.title));
  if (!a) throw new Error(`no action matching ${re}; got: ${actions.map((x) => x.title).join(' | ')}`);
  return a;
}

/** Lines of `before` that are comments must all still be in `after`. */
export function commentsOf(text: string): string[] {
  return text.split('\n').filter((l) => /^\s*#/.test(l)).map((l) => l.trim());
}
