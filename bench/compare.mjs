// Before/after table of two `bench/run.mjs` result files measured in one sitting:
//   node bench/run.mjs --server ../old/dist/server.js --no-reference --results /tmp/before.json
//   node bench/run.mjs --results /tmp/after.json
//   node bench/compare.mjs /tmp/before.json /tmp/after.json [--markdown]
// Prints every metric present in both, with after/before as a ratio (< 1 is better for
// times and memory).
import { readFileSync } from 'node:fs';

const [beforePath, afterPath] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!beforePath || !afterPath) {
  process.stderr.write('usage: node bench/compare.mjs BEFORE.json AFTER.json [--markdown]\n');
  process.exit(2);
}
const markdown = process.argv.includes('--markdown');
const read = (p) => {
  try {
    return JSON.parse(readFileSync(p, 'utf8'));
  } catch (err) {
    process.stderr.write(`cannot read ${p}: ${err.message}\n`);
    process.exit(2);
  }
};
const before = read(beforePath);
const after = read(afterPath);
const fmt = (v, unit) => (v === undefined || v === null ? '-' : `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${unit}`);
const rows = [];
for (const [id, a] of Object.entries(after.metrics)) {
  const b = before.metrics[id];
  if (!b || typeof a.value !== 'number' || typeof b.value !== 'number') continue;
  const ratio = a.delta ? undefined : b.value > 0 ? a.value / b.value : undefined;
  rows.push([a.label, fmt(b.value, b.unit), fmt(a.value, a.unit), ratio === undefined ? '-' : `${ratio.toFixed(2)}x`]);
}
const head = ['figure', `before (${before.date})`, `after (${after.date})`, 'after/before'];
if (markdown) {
  process.stdout.write(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|\n`);
  for (const r of rows) process.stdout.write(`| ${r.join(' | ')} |\n`);
} else {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  process.stdout.write(`${line(head)}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
}
const missing = Object.keys(before.metrics).filter((id) => !after.metrics[id]);
if (missing.length) process.stdout.write(`\nonly in before: ${missing.join(', ')}\n`);
