// The set of manifest files the server knows: files on disk, overridden by open
// editor buffers. Pure data; the LSP wiring (server.ts) and the CLI feed it.

import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { parseFile, type Resource, type SourceFile } from './parse';

export type WorkspaceListener = (changed: ReadonlySet<string>) => void;

const KUSTOMIZATION = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

export class Workspace {
  private readonly files = new Map<string, SourceFile>();
  /** uri -> uris that a kustomization lists as patches. */
  private readonly patchesByKustomization = new Map<string, Set<string>>();
  private patchFiles = new Set<string>();
  private readonly listeners: WorkspaceListener[] = [];
  /** Bumped on every change; lets caches check freshness cheaply. */
  generation = 0;

  /** Sets (or replaces) a file's text, reusing unchanged documents. */
  set(uri: string, text: string, version = 0): SourceFile {
    const previous = this.files.get(uri);
    if (previous && previous.text === text) return previous;
    const file = parseFile(uri, text, version, previous);
    this.files.set(uri, file);
    if (KUSTOMIZATION.test(uri)) this.updateKustomization(file);
    this.generation++;
    this.emit(new Set([uri]));
    return file;
  }

  delete(uri: string): void {
    if (!this.files.delete(uri)) return;
    if (this.patchesByKustomization.delete(uri)) this.recomputePatchFiles();
    this.generation++;
    this.emit(new Set([uri]));
  }

  get(uri: string): SourceFile | undefined {
    return this.files.get(uri);
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  allFiles(): IterableIterator<SourceFile> {
    return this.files.values();
  }

  get size(): number {
    return this.files.size;
  }

  *resources(): IterableIterator<Resource> {
    for (const f of this.files.values()) {
      if (f.isTemplate) continue;
      for (const d of f.docs) yield* d.resources;
    }
  }

  /**
   * A copy of this workspace where `uri` has `text` instead (or is absent when
   * `text` is undefined). Other files share their parsed documents with this one,
   * so the copy costs one parse. Used for "before" states (simulation baselines).
   */
  withFile(uri: string, text: string | undefined): Workspace {
    const copy = new Workspace();
    for (const [u, f] of this.files) if (u !== uri) copy.files.set(u, f);
    for (const [u, p] of this.patchesByKustomization) copy.patchesByKustomization.set(u, p);
    copy.recomputePatchFiles();
    // A fresh parse (no `previous`): reusing documents would move the shared ones.
    if (text !== undefined) copy.files.set(uri, parseFile(uri, text));
    return copy;
  }

  /** True when a kustomization in the workspace lists this file as a patch (a partial object). */
  isPatchFile(uri: string): boolean {
    return this.patchFiles.has(uri);
  }

  onDidChange(listener: WorkspaceListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  private emit(changed: Set<string>): void {
    for (const l of this.listeners) l(changed);
  }

  private updateKustomization(file: SourceFile): void {
    const dir = file.uri.slice(0, file.uri.lastIndexOf('/') + 1);
    const patches = new Set<string>();
    const add = (p: unknown) => {
      if (typeof p === 'string' && /\.ya?ml$/.test(p) && !p.includes('\n')) patches.add(resolveRelative(dir, p));
    };
    for (const d of file.docs) {
      const root = d.yaml.contents as Node | null;
      if (!isMap(root)) continue;
      for (const key of ['patchesStrategicMerge', 'patches', 'patchesJson6902']) {
        const list = root.get(key, true);
        if (!isSeq(list)) continue;
        for (const item of list.items) {
          if (isScalar(item)) add(item.value);
          else if (isMap(item)) {
            const path = item.get('path', true);
            if (isScalar(path)) add(path.value);
          }
        }
      }
    }
    this.patchesByKustomization.set(file.uri, patches);
    this.recomputePatchFiles();
  }

  private recomputePatchFiles(): void {
    const all = new Set<string>();
    for (const s of this.patchesByKustomization.values()) for (const u of s) all.add(u);
    this.patchFiles = all;
  }
}

/** Resolves a relative path against a directory URI ending in '/'. */
export function resolveRelative(dirUri: string, rel: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(rel)) return rel;
  const parts = dirUri.split('/');
  parts.pop(); // trailing ''
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length > 3) parts.pop();
    } else parts.push(encodeURIComponent(seg).replace(/%40/g, '@'));
  }
  return parts.join('/');
}
