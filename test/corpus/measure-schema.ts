// Prints how long schema validation of the whole corpus takes next to a plain
// `yaml` parse of the same files (one run, same process). Not a test: run with
//   node --import tsx test/corpus/measure-schema.ts
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { Workspace } from '../../server/src/model/workspace';
import { validationDiagnostics } from '../../server/src/features/validation';
import { createFeatureContext } from '../../server/src/features/services';

const corpus = resolve(__dirname, '../../../shared/corpus');
if (!existsSync(join(corpus, 'INDEX.tsv'))) {
  console.log('../shared/corpus is absent: nothing to measure');
  process.exit(0);
}
const paths = readFileSync(join(corpus, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]);
const texts = paths.map((p) => [pathToFileURL(join(corpus, p)).toString(), readFileSync(join(corpus, p), 'utf8')] as const);
const bytes = texts.reduce((n, [, t]) => n + t.length, 0);

let t0 = performance.now();
let docs = 0;
for (const [, t] of texts) docs += parseAllDocuments(t).length;
const plainYaml = performance.now() - t0;

const ws = new Workspace();
t0 = performance.now();
for (const [u, t] of texts) ws.set(u, t);
const modelParse = performance.now() - t0;

const ctx = createFeatureContext(ws);
t0 = performance.now();
let diagnostics = 0;
for (const [u] of texts) diagnostics += validationDiagnostics(ctx, ws.get(u)!).length;
const validateCold = performance.now() - t0;

t0 = performance.now();
for (const [u] of texts) validationDiagnostics(ctx, ws.get(u)!);
const validateCached = performance.now() - t0;

// One keystroke in the largest multi-document file: re-parse + re-validate.
const [bigUri, bigText] = [...texts].sort((a, b) => ws.get(b[0])!.docs.length - ws.get(a[0])!.docs.length)[0];
const edited = bigText.replace(/name: (\S)/, 'name: x$1');
t0 = performance.now();
const f = ws.set(bigUri, edited);
validationDiagnostics(ctx, f);
const keystroke = performance.now() - t0;

const ms = (v: number) => `${v.toFixed(0)} ms`;
console.log(`corpus: ${texts.length} files, ${docs} YAML documents, ${(bytes / 1e6).toFixed(1)} MB`);
console.log(`plain yaml.parseAllDocuments:         ${ms(plainYaml)}`);
console.log(`Workspace.set (model parse):          ${ms(modelParse)}`);
console.log(`schema validation, cold:              ${ms(validateCold)} (${diagnostics} diagnostics)`);
console.log(`schema validation, all cached:        ${ms(validateCached)}`);
console.log(`keystroke in ${f.docs.length}-doc file (parse+validate): ${ms(keystroke)}`);
