// The benchmark's corpus file (bench/corpus-file.mjs builds the same text): the
// first 1,000 documents of ../shared/corpus/clean-files.txt joined with `---`
// lines. Names repeat across them, so it has hundreds of diagnostics.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { requireShared } from './shared';

/** The file's text; fails the test when ../shared/corpus is missing (CI always has it). */
export function corpusFile(documents = 1000): string {
  const list = requireShared('corpus/clean-files.txt');
  const CORPUS_DIR = dirname(list);
  const files = readFileSync(list, 'utf8').split('\n').filter(Boolean);
  const docs: string[] = [];
  for (const rel of files) {
    let text = readFileSync(resolve(CORPUS_DIR, rel), 'utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    for (const d of parseAllDocuments(text)) {
      if (d.contents === null || d.contents === undefined) continue;
      const body = text.slice(d.range[0], d.range[2]).replace(/^---[^\n]*\n/, '');
      docs.push(body.endsWith('\n') ? body : `${body}\n`);
      if (docs.length >= documents) return docs.join('---\n');
    }
  }
  return docs.join('---\n');
}
