// `drydock check`: the editor's diagnostics for files and folders, as text, JSON or SARIF.

import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { computeDiagnostics } from '../features/diagnostics';
import { createFeatureContext } from '../features/services';
import { loadPaths, parseArgs } from './load';
import { kustomizeForCli } from './kustomize';

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'] as const;

interface Finding {
  file: string;
  uri: string;
  diagnostic: Diagnostic;
}

export async function runCheck(argv: string[]): Promise<number> {
  const { positional, flags } = parseArgs(argv, ['no-kustomize']);
  const format = (flags.get('format') as string | undefined) ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) {
    process.stderr.write(`drydock check: unknown --format '${format}' (use text, json or sarif)\n`);
    return 2;
  }
  const loaded = loadPaths(positional);
  const ctx = createFeatureContext(loaded.workspace);
  const kustomize = await kustomizeForCli(loaded.workspace, flags);
  if (typeof kustomize === 'string') {
    process.stderr.write(`drydock check: ${kustomize}
`);
    return 2;
  }
  ctx.kustomize = kustomize;
  const version = flags.get('kubernetes-version');
  if (typeof version === 'string') ctx.settings.kubernetesVersion = version;

  const findings: Finding[] = [];
  for (const [uri, file] of loaded.paths) {
    const f = loaded.workspace.get(uri);
    if (!f) continue;
    for (const d of computeDiagnostics(ctx, f)) findings.push({ file, uri, diagnostic: d });
  }
  const errors = findings.filter((f) => f.diagnostic.severity === DiagnosticSeverity.Error).length;
  const warnings = findings.filter((f) => f.diagnostic.severity === DiagnosticSeverity.Warning).length;

  if (format === 'json') {
    const out = findings.map((f) => ({
      file: f.file,
      line: f.diagnostic.range.start.line + 1,
      column: f.diagnostic.range.start.character + 1,
      endLine: f.diagnostic.range.end.line + 1,
      endColumn: f.diagnostic.range.end.character + 1,
      severity: SEVERITY[f.diagnostic.severity ?? 1],
      code: f.diagnostic.code ?? null,
      message: f.diagnostic.message,
    }));
    process.stdout.write(JSON.stringify({ files: loaded.paths.size, errors, warnings, unreadable: loaded.unreadable, diagnostics: out }, null, 2) + '\n');
  } else if (format === 'sarif') {
    process.stdout.write(JSON.stringify(toSarif(findings), null, 2) + '\n');
  } else {
    for (const f of findings) {
      const d = f.diagnostic;
      process.stdout.write(`${f.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY[d.severity ?? 1]}: ${d.message}${d.code ? ` [${d.code}]` : ''}\n`);
    }
    for (const u of loaded.unreadable) process.stdout.write(`${u}: skipped: not a readable UTF-8 text file\n`);
    process.stdout.write(`\n${loaded.paths.size} file(s) checked: ${errors} error(s), ${warnings} warning(s)\n`);
  }
  return errors > 0 ? 1 : 0;
}

function toSarif(findings: Finding[]): unknown {
  const level = (s?: DiagnosticSeverity) => (s === DiagnosticSeverity.Error ? 'error' : s === DiagnosticSeverity.Warning ? 'warning' : 'note');
  const rules = [...new Set(findings.map((f) => String(f.diagnostic.code ?? 'drydock')))].map((id) => ({ id }));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'drydock', informationUri: 'https://example.invalid/drydock', rules } },
        results: findings.map((f) => ({
          ruleId: String(f.diagnostic.code ?? 'drydock'),
          level: level(f.diagnostic.severity),
          message: { text: f.diagnostic.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split('\\').join('/') },
                region: {
                  startLine: f.diagnostic.range.start.line + 1,
                  startColumn: f.diagnostic.range.start.character + 1,
                  endLine: f.diagnostic.range.end.line + 1,
                  endColumn: f.diagnostic.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
}
