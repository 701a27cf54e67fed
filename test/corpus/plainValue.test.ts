// The allocation-light node conversion (model/plainValue.ts) on every document of
// the real corpus: wherever it answers, JSON and key order equal the `yaml`
// library's toJS(); most documents take it (anchors and merge keys are rare).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'yaml';
import { parseFile, TO_JS_OPTIONS } from '../../server/src/model/parse';
import { plainValue, UNSUPPORTED } from '../../server/src/model/plainValue';
import { requireShared } from '../support/shared';

test('every corpus document converts as the yaml library converts it', () => {
  const corpus = requireShared('corpus');
  const files = readFileSync(join(corpus, 'INDEX.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t')[0]);
  let fast = 0;
  let library = 0;
  const differ: string[] = [];
  for (const rel of files) {
    const file = parseFile(`file:///${rel}`, readFileSync(join(corpus, rel), 'utf8'));
    for (const doc of file.docs) {
      const node = doc.yaml.contents as Node | null;
      if (!node) continue;
      const value = plainValue(node);
      if (value === UNSUPPORTED) {
        library++;
        continue;
      }
      fast++;
      let expected: unknown;
      try {
        expected = node.toJS(doc.yaml, TO_JS_OPTIONS);
      } catch (err) {
        differ.push(`${rel}#${doc.index}: the library throws (${(err as Error).message}) where the fast path answered`);
        continue;
      }
      if (JSON.stringify(value) !== JSON.stringify(expected)) differ.push(`${rel}#${doc.index}`);
      else assert.deepStrictEqual(value, expected, `${rel}#${doc.index}`);
    }
  }
  assert.deepEqual(differ, []);
  assert.ok(fast > 10 * library, `fast path ${fast}, library ${library}: the fast path should be the common case`);
});
