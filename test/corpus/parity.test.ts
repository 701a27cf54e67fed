// API-server parity between `drydock check` (the editor's diagnostics) and the
// simulator's API server, over every document of ../shared/corpus and of the
// project's own fixtures and examples:
//   - an object the simulator rejects for a validation reason (decoding, type,
//     field validation) has an error diagnostic with the same API-server text;
//   - an object `check` reports an error on is rejected by the simulator.
// Rejections that depend on other objects (namespaces, quota, LimitRange, service
// accounts, priority classes, port/IP allocation) or on the object not existing yet
// (resourceVersion on create) are listed apart: the per-file API server below
// knows only that file's objects.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Workspace } from '../../server/src/model/workspace';
import { createFeatureContext } from '../../server/src/features/services';
import { docValidation } from '../../server/src/features/validation';
import { collectInput, type InputObject } from '../../server/src/sim/input';
import { applyObject } from '../../server/src/sim/apiserver';
import { newState, putObject } from '../../server/src/sim/state';
import type { LocalDiagnostic } from '../../server/src/model/check/localDiagnostic';
import type { ManifestDoc, Resource } from '../../server/src/model/parse';
import { requireShared } from '../support/shared';

const ROOT = resolve(__dirname, '../..');
const CORPUS = resolve(ROOT, '../shared/corpus');

/** Rejections that depend on other objects or on the cluster's state, not on the object alone. */
const ADMISSION = [
  /^namespaces "[^"]*" not found$/,
  /is forbidden: /, // LimitRanger, ServiceAccount, Priority, ResourceQuota
  /^Internal error occurred: resourceVersion should not be set/,
  /failed to allocate IP|provided port is already allocated|provided IP is already allocated|range is full/,
  /is more than the simulator's limit/,
];

/** Validation reasons: what the API server answers about the object itself. */
function isValidationRejection(message: string): boolean {
  return /^The \S+ ".*" is invalid: /s.test(message) || /cannot be handled as a/.test(message) || /^no matches for kind/.test(message) || /^Object '(apiVersion|Kind)' is missing/.test(message) || /^error converting YAML to JSON/.test(message);
}

/** Diagnostics that are Drydock's own checks, not API-server rejections. */
const DRYDOCK_ONLY = new Set(['duplicate-key', 'slash-comment', 'yaml-indentation']);

function yamlFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.git')) continue;
    const st = statSync(p);
    if (st.isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** The texts of a simulator rejection: one per field error of an Invalid status, else the message. */
function rejectionTexts(message: string): string[] {
  const invalid = /^The \S+ ".*?" is invalid: ([\s\S]*)$/.exec(message);
  if (invalid) return invalid[1].startsWith('\n') ? invalid[1].split('\n* ').slice(1).map((s) => s.trim()) : [invalid[1]];
  const strict = /cannot be handled as a \S+: strict decoding error: (.*)$/.exec(message);
  if (strict) return strict[1].split(/, (?=unknown field ")/);
  const decode = /cannot be handled as a \S+: (.*)$/.exec(message);
  if (decode) return [decode[1]];
  return [message];
}

function apiTextOf(d: LocalDiagnostic): string | undefined {
  return d.apiText?.replace(/^strict decoding error: /, '');
}

interface Outcome {
  checkedObjects: number;
  simRejectedValidation: number;
  apart: string[];
  disagreements: string[];
}

function runParity(files: string[], label: (p: string) => string): Outcome {
  const ws = new Workspace();
  const uris = files.map((p) => pathToFileURL(p).toString());
  files.forEach((p, i) => ws.set(uris[i], readFileSync(p, 'utf8')));
  const ctx = createFeatureContext(ws);
  const { objects } = collectInput(ws);
  const byUri = new Map<string, InputObject[]>();
  for (const o of objects) {
    const list = byUri.get(o.source.uri);
    if (list) list.push(o);
    else byUri.set(o.source.uri, [o]);
  }
  const out: Outcome = { checkedObjects: 0, simRejectedValidation: 0, apart: [], disagreements: [] };
  // Every file's API server serves the workspace's CRDs, as in a simulation of the whole workspace (CRDs go first).
  const crdState = newState();
  for (const o of objects) if (o.object.kind === 'CustomResourceDefinition') applyObject(crdState, o.object, o.source, o.decodeFailure);
  const crds = [...crdState.objects.values()].filter((o) => o.kind === 'CustomResourceDefinition');
  for (const uri of uris) {
    const file = ws.get(uri);
    if (!file || file.isTemplate) continue;
    const inputs = byUri.get(uri) ?? [];
    // The API server with this file's objects only; every namespace the file names exists.
    const state = newState();
    for (const crd of crds) putObject(state, crd);
    for (const o of inputs) {
      const ns = o.object.metadata?.namespace;
      if (typeof ns === 'string' && ns !== '' && !state.objects.has(`Namespace//${ns}`)) putObject(state, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    }
    const rejectedAt = new Map<number, string>();
    for (const o of inputs) {
      const res = applyObject(state, o.object, o.source, o.decodeFailure);
      if (!res.ok) rejectedAt.set(o.source.line, res.message);
    }
    // Per resource: its error diagnostics (validation and syntax) and the simulator's answer.
    for (const doc of file.docs) {
      const local: LocalDiagnostic[] = [...docValidation(ctx, file, doc), ...doc.problems.map((p) => ({ ...p, apiText: p.message, stage: 'decode' as const }))];
      const targets: Array<{ r?: Resource; line: number }> = doc.resources.map((r) => ({ r, line: file.lines.positionAt(doc.start + (r.node.range?.[0] ?? 0)).line }));
      if (doc.resources.length === 0) {
        const contents = doc.yaml.contents as { range?: number[] } | null;
        targets.push({ line: file.lines.positionAt(doc.start + (contents?.range?.[0] ?? 0)).line });
      }
      for (const { r, line } of targets) {
        const inputSent = inputs.some((o) => o.source.line === line);
        if (!inputSent) continue; // not an object the simulator applies (kustomize files, patches, non-objects)
        out.checkedObjects++;
        const errors = local.filter((d) => d.severity === 'error' && !DRYDOCK_ONLY.has(d.code) && within(doc, r, d));
        const message = rejectedAt.get(line);
        const where = `${label(file.uri)}:${line + 1}`;
        if (message !== undefined && (ADMISSION.some((re) => re.test(message)) || !isValidationRejection(message))) {
          if (!ADMISSION.some((re) => re.test(message))) out.disagreements.push(`${where}: unclassified rejection: ${message}`);
          else out.apart.push(`${where}: ${message}`);
          if (errors.length > 0) out.disagreements.push(`${where}: check reports ${errors.map((e) => e.message).join(' | ')} but the simulator passed validation (then: ${message})`);
          continue;
        }
        if (message !== undefined) {
          out.simRejectedValidation++;
          const texts = rejectionTexts(message);
          const known = errors.map(apiTextOf).filter((t): t is string => !!t);
          const unmatched = texts.filter((t) => !known.some((k) => t.includes(k) || k.includes(t)));
          if (errors.length === 0) out.disagreements.push(`${where}: the simulator rejects it (${message}) but check reports no error`);
          else if (unmatched.length > 0) out.disagreements.push(`${where}: no diagnostic says ${JSON.stringify(unmatched)} (simulator: ${message})`);
        } else if (errors.length > 0) {
          out.disagreements.push(`${where}: check reports ${errors.map((e) => `[${e.code}] ${e.message}`).join(' | ')} but the simulator creates it`);
        }
      }
    }
  }
  return out;
}

/** The diagnostic belongs to resource `r` (or to the whole document when there is no resource). */
function within(doc: ManifestDoc, r: Resource | undefined, d: LocalDiagnostic): boolean {
  if (!r || doc.resources.length <= 1) return true;
  const range = r.node.range;
  return !!range && range[0] <= d.start && d.start <= range[2];
}

function report(name: string, o: Outcome): void {
  console.log(`${name}: ${o.checkedObjects} objects, ${o.simRejectedValidation} rejected for a validation reason, ${o.apart.length} rejected by admission (listed apart), ${o.disagreements.length} disagreements`);
  for (const a of o.apart.slice(0, 20)) console.log(`  apart: ${a}`);
  for (const d of o.disagreements.slice(0, 60)) console.log(`  DISAGREE ${d}`);
}

test('parity: the project fixtures and examples', () => {
  const files = [...yamlFiles(join(ROOT, 'test')), ...yamlFiles(join(ROOT, 'examples'))].filter((p) => !p.includes('/e2e/'));
  const o = runParity(files, (u) => u.slice(u.indexOf('/valint/') >= 0 ? u.indexOf('/valint/') + 8 : 0));
  report('fixtures', o);
  assert.ok(o.checkedObjects > 50, `only ${o.checkedObjects} objects`);
  assert.deepEqual(o.disagreements, []);
});

test('parity: every document of ../shared/corpus', () => {
  requireShared('corpus/INDEX.tsv');
  const files = yamlFiles(CORPUS);
  const o = runParity(files, (u) => decodeURIComponent(u.slice(u.indexOf('/corpus/') + 8)));
  report('corpus', o);
  assert.ok(o.checkedObjects > 9000, `only ${o.checkedObjects} objects`);
  assert.deepEqual(o.disagreements, []);
});
