// Markdown for the README's "Figures" section from one `bench/run.mjs` results file, with an
// optional before column (a results file of another build measured in the same sitting, see
// `--server` in bench/run.mjs):  node bench/readme-table.mjs AFTER.json [BEFORE.json]
import { readFileSync } from 'node:fs';
import { fmt } from './report.mjs';

const [afterPath, beforePath] = process.argv.slice(2);
if (!afterPath) {
  process.stderr.write('usage: node bench/readme-table.mjs AFTER.json [BEFORE.json]\n');
  process.exit(2);
}
const after = JSON.parse(readFileSync(afterPath, 'utf8'));
const before = beforePath ? JSON.parse(readFileSync(beforePath, 'utf8')) : undefined;
const ratio = (a, b) => {
  if (typeof a !== 'number' || typeof b !== 'number' || b <= 0) return '';
  const r = a / b;
  return `${r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}×`;
};
const targetOf = Object.fromEntries(after.targets.map((t) => [t.id, t]));
const head = ['figure', 'Drydock', 'floor (plain `yaml` parse)', 'yaml-language-server'];
if (before) head.push('Drydock before');
head.push('target');
const out = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
for (const [id, m] of Object.entries(after.metrics)) {
  if (id.startsWith('floor.') || typeof m.value !== 'number') continue;
  const delta = m.delta ? (v) => `${v >= 0 ? '+' : ''}${v.toFixed(1)} MB` : (v) => fmt(v, m.unit);
  const row = [m.label, delta(m.value)];
  row.push(m.floor !== undefined ? `${fmt(m.floor, 'ms')} (Drydock ${ratio(m.value, m.floor)})` : '');
  row.push(m.ref !== undefined && m.ref >= 0 ? `${fmt(m.ref, m.unit)} (Drydock ${ratio(m.value, m.ref)})` : m.refNote ?? '');
  if (before) {
    const b = before.metrics[id];
    row.push(b && typeof b.value === 'number' ? `${delta(b.value)}${m.delta ? '' : ` (now ${ratio(m.value, b.value)})`}` : '');
  }
  const t = targetOf[id];
  row.push(t ? `${t.status === 'pass' ? 'pass' : t.status === 'FAIL' ? '**FAIL**' : t.status}: ${t.description.replace(/^[^:]*: /, '')}` : '');
  out.push(`| ${row.join(' | ')} |`);
}
process.stdout.write(`${out.join('\n')}\n`);
