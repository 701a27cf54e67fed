// Targets, baseline comparison and the printed table of `npm run bench`.

/** [metric id, description, predicate(metric)] - the figures the project promises. */
const TARGETS = [
  ['cold.corpus', 'corpus: all-files diagnostics within 2x of plain yaml parsing', (m) => m.value <= 2 * m.floor],
  ['cold.workspace', '10k workspace: all-files diagnostics within 2x of plain yaml parsing', (m) => m.value <= 2 * m.floor],
  ['hover.workspace.p99', 'hover p99 < 20 ms (10k workspace)', (m) => m.value < 20],
  ['completion.workspace.p99', 'completion p99 < 20 ms (10k workspace)', (m) => m.value < 20],
  ['hover.bigfile.p99', 'hover p99 < 20 ms (1,000-doc file)', (m) => m.value < 20],
  ['completion.bigfile.p99', 'completion p99 < 20 ms (1,000-doc file)', (m) => m.value < 20],
  ['keystroke.workspace.p99', 'keystroke p99 < 30 ms (10k workspace)', (m) => m.value < 30],
  ['keystroke.bigfile.p99', 'keystroke p99 < 100 ms (1,000-doc file)', (m) => m.value < 100],
  ['rss.workspace', 'peak memory < 300 MB (10k workspace)', (m) => m.value < 300],
  ['sched.5000', '150,000 pods on 5,000 nodes < 15 s', (m) => m.value < 15_000],
  // Issue 14: the corpus file (1,000 real documents, hundreds of diagnostics).
  ['cold.corpusfile', 'corpus file: first diagnostics within 2x of plain yaml parsing', (m) => m.value <= 2 * m.floor],
  ['keystroke.corpusfile.p99', 'corpus file: keystroke -> diagnostics p99 <= 50 ms', (m) => m.value <= 50],
  ['hover.corpusfile.p99', 'corpus file: hover p99 <= 5 ms during re-analysis', (m) => m.value <= 5],
  ['completion.corpusfile.p99', 'corpus file: completion p99 <= 5 ms during re-analysis', (m) => m.value <= 5],
  ['definition.corpusfile.p99', 'corpus file: definition p99 <= 5 ms during re-analysis', (m) => m.value <= 5],
  ['references.corpusfile.p99', 'corpus file: references p99 <= 5 ms during re-analysis', (m) => m.value <= 5],
  ['rss.corpusfile', 'corpus file: server RSS <= 150 MB after one simulation (worker included)', (m) => m.value <= 150],
  ['rssgrowth.corpusfile', 'corpus file: the keystroke run does not grow RSS (<= 5 MB, noise)', (m) => m.value <= 5],
  ['heapgrowth.corpusfile', 'corpus file: the keystroke run does not grow the heap after GC (<= 1 MB)', (m) => m.value <= 1],
];

export function evaluateTargets(metrics) {
  return TARGETS.map(([id, description, ok]) => {
    const m = metrics[id];
    if (!m || typeof m.value !== 'number' || (id.startsWith('cold.') && typeof m.floor !== 'number')) {
      return { id, description, status: 'n/a', detail: m ? 'not measured (incomplete)' : 'not measured' };
    }
    if (id === 'sched.5000' && m.pods < 150_000) return { id, description, status: 'n/a', detail: `only ${m.pods} pods measured (--quick)` };
    return { id, description, status: ok(m) ? 'pass' : 'FAIL', value: m.value, detail: detail(m) };
  });
}

function detail(m) {
  const v = fmt(m.value, m.unit);
  return m.floor !== undefined ? `${v} vs ${fmt(m.floor, 'ms')} plain parsing (${(m.value / m.floor).toFixed(2)}x)` : v;
}

/**
 * Metrics more than 20% worse than the committed baseline. Tiny absolute
 * differences (< 1 ms / 1 MB) are noise, not regressions.
 */
export function compareWithBaseline(metrics, baseline, quick, notes) {
  if (!baseline) {
    notes.push('no bench/baseline.json: run with --update-baseline to create one');
    return [];
  }
  if (Boolean(baseline.quick) !== quick) {
    notes.push(`baseline was recorded ${baseline.quick ? 'with' : 'without'} --quick: not compared`);
    return [];
  }
  const out = [];
  for (const [id, b] of Object.entries(baseline.metrics ?? {})) {
    const m = metrics[id];
    // The floor measures the machine, not Drydock.
    // Growth figures are near zero and judged by their own targets.
    if (id.startsWith('floor.') || id.includes('growth.') || !m || typeof m.value !== 'number' || typeof b.value !== 'number' || b.value <= 0) continue;
    if (m.value > b.value * 1.2 && m.value - b.value > 1) {
      out.push({ id, label: m.label, unit: m.unit, baseline: b.value, value: m.value, change: `+${((m.value / b.value - 1) * 100).toFixed(0)}%` });
    }
  }
  return out;
}

export function fmt(v, unit) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  // Small amounts (growth figures against 1 and 5 MB targets) keep a decimal: `1 MB` failing `<= 1 MB` reads as a contradiction.
  if (unit === 'MB') return `${Math.abs(v) < 20 ? v.toFixed(1) : v.toFixed(0)} MB`;
  if (v >= 10_000) return `${(v / 1000).toFixed(1)} s`;
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ms`;
}

function ratio(a, b) {
  return typeof a === 'number' && typeof b === 'number' && b > 0 ? `${(a / b).toFixed(2)}x` : '';
}

export function printReport(results) {
  const rows = [['metric', 'drydock', 'plain yaml (floor)', 'yaml-language-server', 'notes']];
  for (const m of Object.values(results.metrics)) {
    if (m.label.startsWith('plain yaml parse')) continue;
    const notes = [];
    if (m.mode) notes.push(`files via ${m.mode}`);
    if (m.answered !== undefined) notes.push(`${m.answered}/${m.n} non-empty`);
    if (m.refAnswered !== undefined) notes.push(`yaml-ls ${m.refAnswered}/${m.n} non-empty`);
    if (m.refN !== undefined && m.refN < m.n) notes.push(`yaml-ls: ${m.refN} samples (time budget)`);
    if (m.refNote) notes.push(m.refNote);
    if (m.note) notes.push(m.note);
    if (m.value === undefined && m.seen !== undefined) notes.push(`incomplete: ${m.seen} files diagnosed`);
    rows.push([
      m.label,
      fmt(m.value, m.unit),
      m.floor !== undefined ? `${fmt(m.floor, 'ms')} (ours ${ratio(m.value, m.floor)})` : '',
      m.ref !== undefined && m.ref >= 0 ? `${fmt(m.ref, m.unit)} (ours ${ratio(m.value, m.ref)})` : '',
      notes.join('; '),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join(' | ');
  const out = [];
  out.push(`Drydock benchmark ${results.quick ? '(--quick) ' : ''}- ${results.date}, node ${results.node}, ${results.cpus} CPUs (${results.cpuModel ?? '?'})`);
  out.push('');
  out.push(line(rows[0]));
  out.push(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows.slice(1)) out.push(line(r));
  out.push('');
  out.push('Targets:');
  for (const t of results.targets) out.push(`  [${t.status.padEnd(4)}] ${t.description}${t.detail ? ` - ${t.detail}` : ''}`);
  out.push('');
  if (results.regressions.length > 0) {
    out.push('REGRESSIONS (> 20% worse than bench/baseline.json):');
    for (const r of results.regressions) out.push(`  ${r.label}: ${fmt(r.value, r.unit)} vs baseline ${fmt(r.baseline, r.unit)} (${r.change})`);
  } else out.push('No regressions > 20% against bench/baseline.json.');
  for (const n of results.notes) out.push(`note: ${n}`);
  out.push(`(yaml-language-server debounces validation by 200 ms, so its keystroke figures include that delay; total bench time ${results.durationSeconds.toFixed(0)} s)`);
  process.stdout.write(out.join('\n') + '\n');
}
