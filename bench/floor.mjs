// The floor the language server is compared against: plain `yaml` parsing
// (parseAllDocuments) of the same files, read from disk, in a fresh process so
// that JIT warm-up matches a freshly started server. The library's ES module build,
// the one the server bundles (scripts/yamlEsm.mjs): its Node build is ~8% slower;
// floors measured before 2026-12-06 used that one.
// Usage: node bench/floor.mjs <file-with-one-path-per-line>  -> JSON on stdout
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { YAML_ESM_PATH } from '../scripts/yamlEsm.mjs';

const { parseAllDocuments } = await import(pathToFileURL(YAML_ESM_PATH).href);

const paths = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const t0 = performance.now();
let documents = 0;
let bytes = 0;
for (const p of paths) {
  let text;
  try {
    text = readFileSync(p, 'utf8');
  } catch {
    continue;
  }
  bytes += text.length;
  const docs = parseAllDocuments(text);
  documents += Array.isArray(docs) ? docs.length : 0;
}
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, files: paths.length, documents, bytes }) + '\n');
