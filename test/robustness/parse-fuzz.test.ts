// Unit-level fuzz: parseFile and the full diagnostics pipeline must survive
// every mangled input without throwing, and report ranges inside the file.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile, toPlain, type SourceFile } from '../../server/src/model/parse';
import { Workspace } from '../../server/src/model/workspace';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import type { FeatureContext } from '../../server/src/features/context';
import { aliasBomb, corpusSample, exampleFiles, hostileTexts, hugeText, mutations, truncations } from './inputs';
import { createFeatureContext } from '../../server/src/features/services';

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Parses `text` in a fresh workspace, computes all diagnostics, checks every range is inside the file. */
function check(name: string, text: string): SourceFile {
  const workspace = new Workspace();
  const ctx: FeatureContext = createFeatureContext(workspace);
  const uri = `file:///fuzz/${encodeURIComponent(name)}.yaml`;
  const file = workspace.set(uri, text, 1);
  assert.ok(file.docs.length >= 1, `${name}: at least one document`);
  for (const d of file.docs) {
    assert.ok(d.start >= 0 && d.start + d.text.length <= text.length, `${name}: document ${d.index} lies inside the file`);
    for (const p of d.problems) assert.ok(p.start >= 0 && p.start <= p.end && p.end <= d.text.length + 1, `${name}: problem range inside its document`);
  }
  const lines = lineCount(text);
  const diags = computeDiagnostics(ctx, file);
  for (const dg of diags) {
    assert.ok(dg.range.start.line >= 0 && dg.range.end.line < lines, `${name}: diagnostic line inside the file: ${JSON.stringify(dg.range)} (${lines} lines) ${dg.message}`);
    assert.equal(typeof dg.message, 'string');
    assert.ok(dg.code !== 'internal-error', `${name}: an analysis layer threw: ${dg.message}`);
  }
  return file;
}

test('corpus sample and examples: seeded mutations never throw out of parsing or diagnostics', (t) => {
  const sample = [...corpusSample(40), ...exampleFiles()];
  let cases = 0;
  sample.forEach((f, i) => {
    for (const m of mutations(f.text, 1000 + i)) {
      check(`${f.name}#${m.kind}`, m.text);
      cases++;
    }
  });
  t.diagnostic(`${cases} mutated files from ${sample.length} originals`);
});

test('truncation at every line of a few multi-document files, re-parsed incrementally', () => {
  const sample = [...corpusSample(400, 6000), ...exampleFiles()].filter((f) => f.text.includes('\n---')).slice(0, 3);
  assert.ok(sample.length > 0, 'the corpus sample and examples/ have multi-document files');
  for (const f of sample) {
    // Incremental: each truncation re-uses the previous parse (the editor path).
    let previous: SourceFile | undefined;
    for (const cut of truncations(f.text)) {
      previous = parseFile('file:///fuzz/trunc.yaml', cut, 0, previous);
      const fresh = parseFile('file:///fuzz/trunc.yaml', cut);
      assert.deepEqual(
        previous.docs.map((d) => [d.start, d.text.length, d.problems.length]),
        fresh.docs.map((d) => [d.start, d.text.length, d.problems.length]),
        `${f.name}: incremental parse equals a fresh parse at length ${cut.length}`,
      );
    }
    for (const cut of truncations(f.text).filter((_, i) => i % 5 === 0)) check(`${f.name}@${cut.length}`, cut);
  }
});

test('hostile inputs: alias bombs, 10,000-deep nesting, control characters, binary', () => {
  for (const h of hostileTexts()) check(h.kind, h.text);
});

test('an alias bomb is not expanded: toPlain gives up instead of allocating billions of nodes', () => {
  const file = parseFile('file:///fuzz/bomb.yaml', aliasBomb());
  const doc = file.docs[0];
  const root = doc.yaml.contents as import('yaml').YAMLMap;
  const bomb = root.get('data', true) as unknown as import('yaml').YAMLMap;
  assert.equal(toPlain(doc, bomb.get('bomb', true)), undefined);
  // Bounded values still convert.
  assert.equal(toPlain(doc, bomb.get('a0', true)), 'lol');
});

test('a 20 MB manifest parses, with the value after the huge block scalar found', () => {
  const text = hugeText(20);
  assert.ok(text.length >= 20 * 1024 * 1024);
  const file = check('huge', text);
  assert.equal(file.docs.length, 1);
  const data = (file.docs[0].yaml.contents as import('yaml').YAMLMap).get('data', true) as unknown as import('yaml').YAMLMap;
  assert.equal(String(toPlain(file.docs[0], data.get('other', true))), 'value');
  assert.equal(file.docs[0].resources[0]?.kind, 'ConfigMap');
});
