// Spelling fixes: rename an unknown field to the suggested one, replace an invalid
// enum value, correct an unknown apiVersion/kind pair.

import { isScalar, type Node } from 'yaml';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { contentEndOf, pairIn, scalarText, indentStyleOf, startOf, type OffsetEdit } from '../../model/edit';
import { action, dataOf, fileEdit, locateRange, type ActionEnv } from './common';
import { repairInvisibleIndentation } from '../../model/parse';

/** The suggestion from data, or from the message's `Did you mean "x"?`. */
function suggestionOf(d: Diagnostic): string | undefined {
  const s = dataOf<{ suggestion: unknown }>(d).suggestion;
  if (typeof s === 'string' && s) return s;
  const message = typeof d.message === 'string' ? d.message : d.message.value;
  return /Did you mean "([^"]+)"/.exec(message)?.[1];
}

export function renameFieldFix(env: ActionEnv, d: Diagnostic): CodeAction[] {
  const suggestion = suggestionOf(d);
  const at = locateRange(env.file, d.range);
  if (!suggestion || !at?.at.pair || !isScalar(at.at.pair.key)) return [];
  const key = at.at.pair.key as Node;
  const edit: OffsetEdit = { start: startOf(at.doc, key), end: contentEndOf(env.file, at.doc, key), text: suggestion };
  const old = String((key as { value?: unknown }).value);
  return [action(`Rename "${old}" to "${suggestion}"`, 'quickfix', fileEdit(env.file, [edit]), d, true)];
}

export function enumFix(env: ActionEnv, d: Diagnostic): CodeAction[] {
  const data = dataOf<{ suggestion: string; allowed: string[] }>(d);
  const at = locateRange(env.file, d.range);
  const pair = at?.at.pair;
  if (!at || !pair || !isScalar(pair.value)) return [];
  const values: string[] = [];
  if (typeof data.suggestion === 'string') values.push(data.suggestion);
  if (Array.isArray(data.allowed)) for (const a of data.allowed) if (typeof a === 'string' && !values.includes(a) && values.length < 6) values.push(a);
  const style = indentStyleOf(env.file);
  return values.map((v, i) =>
    action(
      `Change to "${v}"`,
      'quickfix',
      fileEdit(env.file, [{ start: startOf(at.doc, pair.value), end: contentEndOf(env.file, at.doc, pair.value), text: scalarText(v, 0, style) }]),
      d,
      i === 0 && typeof data.suggestion === 'string',
    ),
  );
}

export function unknownKindFix(env: ActionEnv, d: Diagnostic): CodeAction[] {
  const s = dataOf<{ suggestion: { apiVersion: string; kind: string } }>(d).suggestion;
  const r = locateRange(env.file, d.range)?.resource;
  if (!s || typeof s.apiVersion !== 'string' || typeof s.kind !== 'string' || !r) return [];
  const edits: OffsetEdit[] = [];
  for (const [field, value] of [['apiVersion', s.apiVersion], ['kind', s.kind]] as const) {
    // Compare with what is written (the model may already hold the inferred type).
    const p = pairIn(r.node, field);
    const current = isScalar(p?.value) ? String(p.value.value) : undefined;
    if (p?.value && value !== current) edits.push({ start: startOf(r.doc, p.value), end: contentEndOf(env.file, r.doc, p.value), text: value });
  }
  if (edits.length === 0) return [];
  return [action(`Change to ${s.apiVersion} ${s.kind}`, 'quickfix', fileEdit(env.file, edits), d, true)];
}

/** missing-apiversion: insert `apiVersion: X` on the line before `kind`. */
export function missingApiVersionFix(env: ActionEnv, d: Diagnostic): CodeAction[] {
  const data = dataOf<{ apiVersion: string; kind: string }>(d);
  const r = locateRange(env.file, d.range)?.resource;
  if (typeof data.apiVersion !== 'string' || !r) return [];
  const kindPair = pairIn(r.node, 'kind');
  if (!kindPair || r.node.has('apiVersion')) return [];
  const keyStart = startOf(r.doc, kindPair.key);
  const text = env.file.text;
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  const indent = text.slice(lineStart, keyStart);
  // Block style: a line of its own at the column of `kind`; flow style: before the key.
  const edit: OffsetEdit = /^[ ]*$/.test(indent)
    ? { start: lineStart, end: lineStart, text: `${indent}apiVersion: ${data.apiVersion}\n` }
    : /^[ ]*- [ ]*$/.test(indent)
      ? { start: keyStart, end: keyStart, text: `apiVersion: ${data.apiVersion}\n${' '.repeat(indent.length)}` }
      : { start: keyStart, end: keyStart, text: `apiVersion: ${data.apiVersion}, ` };
  return [action(`Add "apiVersion: ${data.apiVersion}"`, 'quickfix', fileEdit(env.file, [edit]), d, true)];
}

/** slash-comment: turn `// note` into a YAML comment (`# note`). */
export function slashCommentFix(env: ActionEnv, d: Diagnostic): CodeAction[] {
  const start = env.file.lines.offsetAt(d.range.start);
  if (env.file.text.slice(start, start + 2) !== '//') return [];
  return [action('Make it a YAML comment ("#")', 'quickfix', fileEdit(env.file, [{ start, end: start + 2, text: '#' }]), d, true)];
}

/** yaml-invisible-indent: replace the no-break spaces and tabs of the document's indentation with spaces. */
export function invisibleIndentFix(env: ActionEnv, d: Diagnostic): CodeAction[] {
  const doc = locateRange(env.file, d.range)?.doc;
  if (!doc) return [];
  const repaired = repairInvisibleIndentation(doc.text);
  if (!repaired) return [];
  const edits: OffsetEdit[] = [];
  for (let i = 0; i < doc.text.length; i++) if (doc.text[i] !== repaired.text[i]) edits.push({ start: doc.start + i, end: doc.start + i + 1, text: ' ' });
  return [action('Indent with spaces', 'quickfix', fileEdit(env.file, edits), d, true)];
}
