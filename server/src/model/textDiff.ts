// Where two versions of a file's text differ: the common prefix and suffix. A
// keystroke changes a few characters of a file that may be megabytes long; with
// these bounds the line index and the document matching of the new version reuse
// the unchanged parts instead of rescanning and rehashing the whole text.

export interface TextChange {
  /** Length of the common prefix. */
  readonly prefix: number;
  /** Start of the common suffix in the old text. */
  readonly oldSuffix: number;
  /** Start of the common suffix in the new text. */
  readonly newSuffix: number;
}

/** Block size of the comparisons: equal blocks are compared natively (no character loop). */
const BLOCK = 4096;

export function diffText(oldText: string, newText: string): TextChange {
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix + BLOCK <= max && oldText.slice(prefix, prefix + BLOCK) === newText.slice(prefix, prefix + BLOCK)) prefix += BLOCK;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  // The suffix may not overlap the prefix in either text.
  const maxSuffix = max - prefix;
  let suffix = 0;
  while (suffix + BLOCK <= maxSuffix && oldText.slice(oldText.length - suffix - BLOCK, oldText.length - suffix) === newText.slice(newText.length - suffix - BLOCK, newText.length - suffix)) suffix += BLOCK;
  while (suffix < maxSuffix && oldText.charCodeAt(oldText.length - suffix - 1) === newText.charCodeAt(newText.length - suffix - 1)) suffix++;
  return { prefix, oldSuffix: oldText.length - suffix, newSuffix: newText.length - suffix };
}
