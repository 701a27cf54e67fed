// `npm run package`: builds a minified bundle and writes drydock-<version>.vsix
// with @vscode/vsce, offline (no dependency detection: dist/ is self-contained,
// and vsce makes no network call for a local package). Then lists the archive
// and fails when it holds anything but what runs, or grows past 3 MB.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, `${pkg.name}-${pkg.version}.vsix`);
const MAX_BYTES = 3 * 1024 * 1024;
/** What may be in the package: the runnable bundle, grammars, an icon, and the manifest files vsce writes. */
const ALLOWED = [
  /^extension\/dist\/(extension|server|simWorker)\.js$/,
  /^extension\/syntaxes\/[^/]+\.json$/,
  /^extension\/media\/[^/]+$/,
  /^extension\/(package\.json|README\.md|readme\.md|LICENSE(\.txt)?|CHANGELOG\.md)$/,
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
];

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, npm_config_offline: 'true' } });
  if (r.status !== 0) {
    console.error(`package: ${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

/** Names and uncompressed sizes from a zip's central directory. */
function listZip(file) {
  const buf = readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${file} is not a zip archive`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size: buf.readUInt32LE(p + 24), compressed: buf.readUInt32LE(p + 20), method: buf.readUInt16LE(p + 10), offset: buf.readUInt32LE(p + 42) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { buf, entries };
}

/** The packaged package.json, to check that what ships declares what we think it declares. */
function readEntry({ buf }, entry) {
  const p = entry.offset;
  // Sizes come from the central directory: local headers may defer them to a data descriptor.
  const { method, compressed } = entry;
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + compressed);
  return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
}

run(process.execPath, ['scripts/build.mjs', '--minify']);
run(process.execPath, [
  join(root, 'node_modules/@vscode/vsce/vsce'),
  'package',
  '--no-dependencies',
  '--no-yarn',
  '--no-rewrite-relative-links',
  '--out',
  out,
]);

const zip = listZip(out);
const size = statSync(out).size;
console.log(`\n${out.slice(root.length + 1)}: ${(size / 1024).toFixed(0)} KiB, ${zip.entries.length} files`);
for (const e of zip.entries) console.log(`  ${String(e.size).padStart(9)}  ${e.name}`);
const unexpected = zip.entries.filter((e) => !ALLOWED.some((re) => re.test(e.name)));
const problems = [];
if (unexpected.length > 0) problems.push(`unexpected files in the package: ${unexpected.map((e) => e.name).join(', ')}`);
if (size > MAX_BYTES) problems.push(`package is ${(size / 1024 / 1024).toFixed(2)} MB, over the 3 MB budget`);
for (const needed of ['extension/dist/extension.js', 'extension/dist/server.js', 'extension/package.json', 'extension/LICENSE.txt']) {
  if (!zip.entries.some((e) => e.name === needed || (needed.endsWith('LICENSE.txt') && e.name === 'extension/LICENSE'))) problems.push(`missing ${needed}`);
}
const manifest = zip.entries.find((e) => e.name === 'extension/package.json');
if (manifest) {
  const shipped = JSON.parse(readEntry(zip, manifest));
  for (const g of shipped.contributes?.grammars ?? []) {
    if (!zip.entries.some((e) => e.name === `extension/${g.path.replace(/^\.\//, '')}`)) problems.push(`grammar ${g.path} is declared but not packaged`);
  }
}
if (problems.length > 0) {
  for (const p of problems) console.error(`package: ${p}`);
  process.exit(1);
}
console.log('package: OK (only runnable files, under 3 MB)');
