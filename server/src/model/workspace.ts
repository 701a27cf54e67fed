// The set of manifest files the server knows: files on disk, overridden by open
// editor buffers. Pure data; the LSP wiring (server.ts) and the CLI feed it.

import type { TextBuffer } from './textBuffer';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { FileParse, ParseInterner, parseFile, type Resource, type SourceFile } from './parse';

export type WorkspaceListener = (changed: ReadonlySet<string>) => void;

const KUSTOMIZATION = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/**
 * setAsync parses at once when at most this much text needs a fresh parse (a
 * keystroke re-parses one document; a typical file takes well under 100 ms);
 * more is parsed in time slices.
 */
export const SYNC_PARSE_BYTES = 256 * 1024;
/** Length of one parse slice before yielding to the event loop. */
const PARSE_SLICE_MS = 12;

interface InflightParse {
  job: FileParse;
  superseded: boolean;
}

/** True when `text` is the text `file` already has (a buffer opened on the text read from disk, the same buffer version). */
function unchanged(file: SourceFile, text: string | TextBuffer): boolean {
  if (file.buffer) return file.buffer === text;
  // A buffer just opened still holds its flat text (TextBuffer.of): comparing costs no copy.
  return file.text.length === text.length && file.text === text.toString();
}

export class Workspace {
  private readonly files = new Map<string, SourceFile>();
  /** uri -> uris that a kustomization lists as patches. */
  private readonly patchesByKustomization = new Map<string, Set<string>>();
  /** uri -> uris that a kustomization lists as resources (a file listed there is a whole object even if another lists it as a patch). */
  private readonly resourcesByKustomization = new Map<string, Set<string>>();
  private patchFiles = new Set<string>();
  private readonly listeners: WorkspaceListener[] = [];
  /** Sliced parses still running (setAsync); the model keeps the previous version meanwhile. */
  private readonly inflight = new Map<string, InflightParse>();
  /** Bumped on every change; lets caches check freshness cheaply. */
  generation = 0;

  /** `interner`: the strings and ranges its files share; copies (withFile, derived) share it too. */
  constructor(readonly interner: ParseInterner = new ParseInterner()) {}

  /** Sets (or replaces) a file's text, reusing unchanged documents. */
  set(uri: string, text: string | TextBuffer, version = 0): SourceFile {
    const job = this.startParse(uri, text, version);
    if (!(job instanceof FileParse)) return job;
    job.step();
    return this.install(job.finish());
  }

  /**
   * Like set(), but when much text needs a fresh parse (the first parse of a
   * 20 MB file, a paste replacing most documents) it is parsed in slices of
   * ~12 ms that yield to the event loop, so requests are answered meanwhile. The
   * previous version stays in the model until the parse completes. A later
   * set/setAsync/delete of the same file supersedes it: the promise then resolves
   * to undefined, and the documents parsed so far are reused by the newer parse.
   */
  async setAsync(uri: string, text: string | TextBuffer, version = 0): Promise<SourceFile | undefined> {
    const job = this.startParse(uri, text, version);
    if (!(job instanceof FileParse)) return job;
    if (job.bytesToParse <= SYNC_PARSE_BYTES) {
      job.step();
      return this.install(job.finish());
    }
    const entry: InflightParse = { job, superseded: false };
    this.inflight.set(uri, entry);
    while (!job.step(Date.now() + PARSE_SLICE_MS)) {
      await new Promise((r) => setImmediate(r));
      if (entry.superseded) return undefined;
    }
    await new Promise((r) => setImmediate(r));
    if (entry.superseded) return undefined;
    this.inflight.delete(uri);
    return this.install(job.finish());
  }

  /** True while a sliced parse of `uri` (setAsync) is running. */
  isParsing(uri: string): boolean {
    return this.inflight.has(uri);
  }

  /** Supersedes any sliced parse of `uri`; the current file when `text` is unchanged, else a parse job. */
  private startParse(uri: string, text: string | TextBuffer, version: number): FileParse | SourceFile {
    const superseded = this.supersede(uri);
    const previous = this.files.get(uri);
    // An open buffer is compared by identity (the same version); reading previous.text would build its flat copy.
    if (previous && unchanged(previous, text)) {
      if (previous.buffer || typeof text === 'string') return previous;
      // A buffer opened on the text read from disk: the same parse, now with the buffer, so the
      // next keystroke is compared piece by piece (not as two whole strings). Nothing changed: no event.
      const withBuffer: SourceFile = { uri, text: previous.text, buffer: text, version: previous.version, lines: previous.lines, docs: previous.docs, isTemplate: previous.isTemplate };
      this.files.set(uri, withBuffer);
      return withBuffer;
    }
    return new FileParse(uri, text, version, previous, superseded?.job.fresh, this.interner);
  }

  private supersede(uri: string): InflightParse | undefined {
    const entry = this.inflight.get(uri);
    if (!entry) return undefined;
    entry.superseded = true;
    this.inflight.delete(uri);
    return entry;
  }

  private install(file: SourceFile): SourceFile {
    this.files.set(file.uri, file);
    if (KUSTOMIZATION.test(file.uri)) this.updateKustomization(file);
    this.generation++;
    this.emit(new Set([file.uri]));
    return file;
  }

  delete(uri: string): void {
    this.supersede(uri);
    if (!this.files.delete(uri)) return;
    const wasKustomization = this.patchesByKustomization.delete(uri);
    if (this.resourcesByKustomization.delete(uri) || wasKustomization) this.recomputePatchFiles();
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
    const copy = new Workspace(this.interner);
    for (const [u, f] of this.files) if (u !== uri) copy.files.set(u, f);
    for (const [u, p] of this.patchesByKustomization) copy.patchesByKustomization.set(u, p);
    for (const [u, r] of this.resourcesByKustomization) copy.resourcesByKustomization.set(u, r);
    copy.recomputePatchFiles();
    // A fresh parse (no `previous`): reusing documents would move the shared ones.
    if (text !== undefined) copy.files.set(uri, parseFile(uri, text, 0, undefined, this.interner));
    return copy;
  }

  /**
   * A copy of this workspace without the files `without` and with the already
   * parsed files `extra` (a rendered Kustomize overlay in place of its sources;
   * see kustomizeModel.ts). Other files share their parsed documents.
   */
  derived(without: ReadonlySet<string>, extra: readonly SourceFile[]): Workspace {
    const copy = new Workspace(this.interner);
    for (const [u, f] of this.files) if (!without.has(u)) copy.files.set(u, f);
    for (const [u, p] of this.patchesByKustomization) copy.patchesByKustomization.set(u, p);
    copy.recomputePatchFiles();
    for (const f of extra) copy.files.set(f.uri, f);
    return copy;
  }

  /** True when a kustomization in the workspace lists this file as a patch (a partial object) and none lists it as a resource. */
  isPatchFile(uri: string): boolean {
    return this.patchFiles.has(uri);
  }

  /** The kustomization files that list `uri` as a patch (sorted). */
  kustomizationsPatching(uri: string): string[] {
    return [...this.patchesByKustomization].filter(([, p]) => p.has(uri)).map(([k]) => k).sort();
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
    const resources = new Set<string>();
    const add = (p: unknown, to = patches) => {
      if (typeof p === 'string' && /\.ya?ml$/.test(p) && !p.includes('\n')) to.add(resolveRelative(dir, p));
    };
    for (const d of file.docs) {
      const root = d.yaml.contents as Node | null;
      if (!isMap(root)) continue;
      const listed = root.get('resources', true);
      if (isSeq(listed)) for (const item of listed.items) if (isScalar(item)) add(item.value, resources);
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
    this.resourcesByKustomization.set(file.uri, resources);
    this.recomputePatchFiles();
  }

  private recomputePatchFiles(): void {
    const all = new Set<string>();
    for (const s of this.patchesByKustomization.values()) for (const u of s) all.add(u);
    for (const s of this.resourcesByKustomization.values()) for (const u of s) all.delete(u);
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
