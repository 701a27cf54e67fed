// Kustomizations on disk: which directories are kustomizations, what each one
// includes, which are overlays (included by no other kustomization), and the
// fingerprint of every file a render may read. Pure reading: rendering is
// kustomizeRender.ts, the engine process kustomizeEngine.ts.
//
// Kustomization files are read from disk (not from editor buffers) because the
// engine renders what is on disk; a buffer's edits are rendered once saved.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

export const KUSTOMIZATION_FILE = /(^|[\\/])(kustomization\.ya?ml|Kustomization)$/;
export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Entries of a kustomization that name other kustomizations or resource files. */
const INCLUDE_KEYS = ['resources', 'bases', 'components'];
/** Directories never hashed (VCS data, dependencies). */
const SKIP_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules']);
/** A kustomization tree with more files than this is not rendered (its fingerprint would be too costly). */
export const MAX_TREE_FILES = 20_000;

export interface Kustomization {
  /** Absolute directory path. */
  dir: string;
  /** Absolute path of its kustomization file. */
  file: string;
  /** Absolute directories of local kustomizations it includes (resources/bases/components). */
  includes: string[];
  /** Remote entries (git/http URLs): Drydock never fetches them. */
  remote: string[];
  /** Absolute paths of its patch files (patches, patchesStrategicMerge, patchesJson6902). */
  patches: string[];
  /** Why this kustomization cannot be rendered offline by Drydock, if it cannot. */
  unsupported?: string;
  /** The file could not be read or parsed. */
  error?: string;
  /** `kind: Component`: only ever built as part of another kustomization, never on its own. */
  component?: boolean;
}

/** The kustomization file of a directory, if it has one. */
export function kustomizationFileIn(dir: string): string | undefined {
  for (const name of KUSTOMIZATION_NAMES) {
    const p = join(dir, name);
    try {
      if (statSync(p).isFile()) return p;
    } catch {
      // not this name
    }
  }
  return undefined;
}

/** `github.com/org/repo//path?ref=v1`, `https://…`, `git@…`, `ssh://…`: kustomize would fetch these over the network. */
export function isRemoteEntry(entry: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^git@/.test(entry) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry) || /[?&](ref|version|submodules|timeout)=/.test(entry) || /\.git(\/\/|$)/.test(entry);
}

function stringList(root: Node, key: string): string[] {
  if (!isMap(root)) return [];
  const seq = root.get(key, true);
  if (!isSeq(seq)) return [];
  return seq.items.flatMap((i) => (isScalar(i) && typeof i.value === 'string' ? [i.value] : []));
}

function hasItems(node: unknown): boolean {
  return isSeq(node) && node.items.length > 0;
}

/** Reads one kustomization file (from disk). */
export function readKustomization(file: string): Kustomization {
  const dir = dirname(file);
  const k: Kustomization = { dir, file, includes: [], remote: [], patches: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    k.error = `cannot read ${file}: ${(e as Error).message}`;
    return k;
  }
  const doc = parseDocument(text, { uniqueKeys: false });
  const root = doc.contents as Node | null;
  if (doc.errors.length > 0 || !isMap(root)) {
    k.error = doc.errors[0]?.message.split('\n')[0] ?? 'not a YAML mapping';
    return k;
  }
  k.component = root.get('kind') === 'Component';
  for (const key of INCLUDE_KEYS) {
    for (const entry of stringList(root, key)) {
      if (isRemoteEntry(entry)) {
        k.remote.push(entry);
        continue;
      }
      const target = resolve(dir, entry);
      try {
        if (statSync(target).isDirectory()) k.includes.push(target);
      } catch {
        // A missing entry: the engine reports it with its own words.
      }
    }
  }
  for (const key of ['patches', 'patchesStrategicMerge', 'patchesJson6902']) {
    const seq = root.get(key, true);
    if (!isSeq(seq)) continue;
    for (const item of seq.items) {
      const path = isScalar(item) ? item.value : isMap(item) ? (item.get('path', true) as { value?: unknown } | undefined)?.value : undefined;
      // An inline patch (a string with newlines) is not a file.
      if (typeof path === 'string' && !path.includes('\n') && /\.(ya?ml|json)$/i.test(path)) k.patches.push(resolve(dir, path));
    }
  }
  if (k.remote.length > 0) k.unsupported = `it includes remote ${k.remote.length === 1 ? 'base' : 'bases'} (${k.remote.slice(0, 3).join(', ')}), and Drydock never fetches over the network`;
  else if (isMap(root) && root.has('helmCharts')) k.unsupported = 'it inflates Helm charts (helmCharts), which needs `--enable-helm`; Drydock runs kustomize without it';
  else if (['generators', 'transformers', 'validators'].some((key) => hasItems(root.get(key, true)))) {
    k.unsupported = 'it uses generator/transformer plugins, which Drydock never runs (no --enable-alpha-plugins, no --enable-exec)';
  }
  return k;
}

export interface KustomizationGraph {
  /** By directory. */
  readonly all: Map<string, Kustomization>;
  /** Directories of kustomizations no other kustomization includes, sorted. */
  readonly overlays: string[];
}

/**
 * Reads the kustomizations whose files are `files` (absolute paths) and every
 * local kustomization they include (also outside the given set), and finds the
 * overlays among the given ones.
 */
export function kustomizationGraph(files: Iterable<string>): KustomizationGraph {
  const all = new Map<string, Kustomization>();
  const queue: string[] = [];
  const roots: string[] = [];
  for (const f of files) {
    const k = readKustomization(f);
    if (all.has(k.dir)) continue;
    all.set(k.dir, k);
    roots.push(k.dir);
    queue.push(...k.includes);
  }
  while (queue.length > 0) {
    const dir = queue.pop()!;
    if (all.has(dir)) continue;
    const file = kustomizationFileIn(dir);
    if (!file) continue;
    const k = readKustomization(file);
    all.set(dir, k);
    queue.push(...k.includes);
  }
  const included = new Set<string>();
  for (const k of all.values()) for (const d of k.includes) if (d !== k.dir) included.add(d);
  const overlays = roots.filter((d) => !included.has(d) && !all.get(d)?.component).sort();
  return { all, overlays };
}

/** The kustomization directories an overlay's render reads: itself and everything it includes, transitively. */
export function closureOf(graph: KustomizationGraph, overlayDir: string): string[] {
  const seen = new Set<string>();
  const stack = [overlayDir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (seen.has(d)) continue;
    seen.add(d);
    for (const i of graph.all.get(d)?.includes ?? []) stack.push(i);
  }
  return [...seen].sort();
}

/** Why an overlay cannot be rendered offline (a kustomization in its closure needs the network or plugins). */
export function unsupportedReason(graph: KustomizationGraph, closure: readonly string[]): string | undefined {
  for (const d of closure) {
    const k = graph.all.get(d);
    if (k?.unsupported) return d === closure[0] ? k.unsupported : `${k.file}: ${k.unsupported}`;
  }
  return undefined;
}

/**
 * A fingerprint of every file under the given directories (what a render can
 * read; kustomize's default load restrictor keeps each kustomization to its own
 * directory tree). Undefined when the trees hold more than MAX_TREE_FILES files.
 */
export function treeFingerprint(dirs: readonly string[]): string | undefined {
  const hash = createHash('sha1');
  const seen = new Set<string>();
  let count = 0;
  for (const root of dirs) {
    const stack = [root];
    while (stack.length > 0) {
      const dir = stack.pop()!;
      if (seen.has(dir)) continue;
      seen.add(dir);
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        continue;
      }
      for (const e of entries) {
        const p = join(dir, e.name);
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name)) stack.push(p);
          continue;
        }
        if (!e.isFile() || seen.has(p)) continue;
        seen.add(p);
        if (++count > MAX_TREE_FILES) return undefined;
        hash.update(p);
        hash.update('\0');
        try {
          hash.update(readFileSync(p));
        } catch {
          hash.update('<unreadable>');
        }
        hash.update('\0');
      }
    }
  }
  return hash.digest('hex');
}
