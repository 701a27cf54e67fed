// The benchmark's corpus file (bench/corpus-file.mjs builds the same text): the
// first 1,000 documents of ../shared/corpus/clean-files.txt joined with `---`
// lines. Names repeat across them, so it has hundreds of diagnostics.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const CORPUS_DIR = resolve(__dirname, '../../../shared/corpus');

/** True when ../shared/corpus is present (tests skip with a reason otherwise). */
export function corpusAvailable(): boolean {
  return existsSync(resolve(CORPUS_DIR, 'clean-files.txt'));
}

export function corpusFile(documents = 1000): string {
  const files = readFileSync(resolve(CORPUS_DIR, 'clean-files.txt'), 'utf8').split('\n').filter(Boolean);
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
