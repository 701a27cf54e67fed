// Rebuilds the per-part sections of ARCHITECTURE.md (everything after the
// `<!-- parts -->` marker) from docs/parts/*.arch.md, so that each area's owner
// edits one small file and the map stays in one place. Usage: node scripts/assemble-docs.mjs
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const MARKER = '<!-- parts -->';
const ORDER = ['scheduler', 'schema-validation', 'schema-validation-constraints', 'xref', 'simulator', 'scheduler-perf', 'hover-explain', 'git-baseline', 'simulation-diagnostics', 'big-inputs', 'memory', 'keystroke-latency', 'completion-hover', 'code-actions', 'vscode-client', 'bench-robustness'];
const TITLES = { 'schema-validation-constraints': 'Value constraints of CRD schemas', 'big-inputs': 'Big inputs', memory: 'Memory', 'simulation-diagnostics': 'Pending pods as diagnostics', 'keystroke-latency': 'Keystroke latency (incremental cross-references)', 'completion-hover': 'Completion, hover, outline and the grammar', 'hover-explain': 'Hover explanations and the simulation worker' };

const arch = readFileSync('ARCHITECTURE.md', 'utf8');
let out = `${arch.split(MARKER)[0].trimEnd()}\n\n${MARKER}\n`;
for (const name of ORDER) {
  const path = `docs/parts/${name}.arch.md`;
  if (!existsSync(path)) continue;
  let part = readFileSync(path, 'utf8').trim().replace(/^#{2,3} /gm, '### ');
  if (!part.startsWith('### ')) part = `### ${TITLES[name] ?? name}\n\n${part}`;
  out += `\n${part}\n`;
}
writeFileSync('ARCHITECTURE.md', out);
