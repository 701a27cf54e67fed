// The simulation worker's input, built on the main thread. The worker does not
// parse the workspace (a second parse would double the model's memory): the
// server turns each file into its FileInput (the plain objects with sources the
// simulator needs, and the documents left out with why; sim/input.ts) and posts
// the files changed since the worker last got them with each request. Building
// runs in ~1 ms slices that start only when no LSP message waits (messageGate.ts),
// so hovers and completion are answered meanwhile. Syncs are numbered: a worker whose input is not the
// one a sync was built on (it restarted) says so, and gets the whole input again.

import type { Workspace } from './model/workspace';
import type { ManifestDoc, SourceFile } from './model/parse';
import type { SchemaRegistry, WorkspaceSchemas } from './schema';
import { MessageGate } from './messageGate';
import { docInput, fileInputPlan } from './sim/input';
import { FULL_SYNC, WireFileInputWriter, type InputSync, type WireFileInput } from './simWorkerProtocol';

/** How long one slice of input building runs before yielding to the event loop. */
const SLICE_MS = 1;

/**
 * A document's serialized entries as last sent, with what they depend on besides
 * the document itself (an edited document is a new ManifestDoc): the registry
 * (custom resources' decode failures) and the document's first line (sources are
 * absolute lines).
 */
interface SentChunk {
  registry: SchemaRegistry;
  generation: number;
  line: number;
  chunk: Uint8Array | undefined;
}
type SentChunks = WeakMap<ManifestDoc, SentChunk>;

/** Builds FileInputs in time slices: `step()` after each document yields when the slice is used up. */
class Slicer {
  private deadline = performance.now() + SLICE_MS;

  /** `gate`: the next slice waits for the LSP messages read meanwhile (messageGate.ts). */
  constructor(private readonly gate = new MessageGate()) {}

  async step(): Promise<void> {
    if (performance.now() < this.deadline) return;
    await this.gate.turn();
    this.deadline = performance.now() + SLICE_MS;
  }

  /**
   * A file's input, serialized document by document within the slices (see
   * WireFileInput). `sent`: the chunks of this file's previous sync, reused for
   * the documents unchanged since, and replaced by this sync's.
   */
  async fileInput(workspace: Workspace, file: SourceFile, registry: SchemaRegistry, sent?: SentChunks): Promise<WireFileInput> {
    const plan = fileInputPlan(workspace, file);
    const out = new WireFileInputWriter();
    out.add(plan.entries);
    for (const doc of plan.docs) {
      const previous = sent?.get(doc);
      if (previous && previous.registry === registry && previous.generation === registry.generation && previous.line === doc.line) {
        out.addChunk(previous.chunk);
        continue;
      }
      const chunk = out.add(docInput(file, doc, registry));
      sent?.set(doc, { registry, generation: registry.generation, line: doc.line, chunk });
      await this.step();
    }
    return out.finish(file.uri);
  }

  async files(workspace: Workspace, registry: SchemaRegistry): Promise<WireFileInput[]> {
    const out: WireFileInput[] = [];
    for (const file of [...workspace.allFiles()]) out.push(await this.fileInput(workspace, file, registry));
    return out;
  }
}

/** FileInputs of a whole workspace other than the server's (a rendered overlay, a baseline with other CRDs), built in slices. */
export function collectFileInputs(workspace: Workspace, registry: SchemaRegistry): Promise<WireFileInput[]> {
  return new Slicer().files(workspace, registry);
}

/** One file's input (a baseline version of a file), built in slices. */
export function buildFileInput(workspace: Workspace, file: SourceFile, registry: SchemaRegistry): Promise<WireFileInput> {
  return new Slicer().fileInput(workspace, file, registry);
}

/**
 * What the worker's input lacks: the files changed since the last sync it got
 * (every file after reset()). Holds no input between requests: only the URIs
 * to rebuild and, per file, whether it was a kustomize patch when sent.
 */
export class SimulationInputs {
  private version = 0;
  private full = true;
  private readonly unsynced = new Set<string>();
  /** Per file sent: the kustomizations patching it ('' when none); a kustomization's edit changes other files' inputs. */
  private readonly patchedBy = new Map<string, string>();
  /**
   * The document chunks of the files the last incremental sync sent: typing in a
   * 1,000-document file re-serializes the edited document, not the file. Only
   * those files' chunks are kept (the whole input would double what the worker holds).
   */
  private sent = new Map<string, SentChunks>();
  private registry: { value: SchemaRegistry; generation: number } | undefined;
  /** Syncs are built and posted one at a time, in version order. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly workspace: Workspace,
    private readonly schemas: WorkspaceSchemas,
    private readonly gate = new MessageGate(),
  ) {
    this.unsubscribe = workspace.onDidChange((changed) => {
      for (const uri of changed) this.unsynced.add(uri);
    });
  }

  dispose(): void {
    this.unsubscribe();
  }

  /** The next sync sends the whole input (a new worker, or one out of step). */
  reset(): void {
    this.full = true;
  }

  /**
   * Builds the sync of what changed and hands it to `post`, which posts it with
   * its request synchronously and returns true, or returns false (the request was
   * cancelled meanwhile: the changes stay pending). Resolves when done.
   */
  send(post: (sync: InputSync) => boolean): Promise<void> {
    const run = this.queue.then(() => this.sendNow(post));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async sendNow(post: (sync: InputSync) => boolean): Promise<void> {
    const registry = this.schemas.current();
    const full = this.full || this.registry?.value !== registry || this.registry.generation !== registry.generation;
    const uris = new Set<string>(full ? [] : this.unsynced);
    this.unsynced.clear();
    const patchedBy = new Map<string, string>();
    for (const file of this.workspace.allFiles()) {
      const key = this.workspace.isPatchFile(file.uri) ? this.workspace.kustomizationsPatching(file.uri).join('\n') : '';
      patchedBy.set(file.uri, key);
      if (full || (this.patchedBy.get(file.uri) ?? '') !== key) uris.add(file.uri);
    }
    const slicer = new Slicer(this.gate);
    const files: InputSync['files'] = [];
    const sent = new Map<string, SentChunks>();
    for (const uri of full ? [...patchedBy.keys()] : [...uris].sort()) {
      // The file as it is now: a change while building marks it unsynced again, for the next sync.
      const file = this.workspace.get(uri);
      const chunks = full ? undefined : (this.sent.get(uri) ?? new WeakMap<ManifestDoc, SentChunk>());
      if (chunks) sent.set(uri, chunks);
      files.push([uri, file ? await slicer.fileInput(this.workspace, file, registry, chunks) : null]);
    }
    const sync: InputSync = { base: full ? FULL_SYNC : this.version, version: this.version + 1, files };
    if (!post(sync)) {
      for (const uri of uris) this.unsynced.add(uri);
      return;
    }
    this.version = sync.version;
    this.full = false;
    this.sent = sent;
    this.registry = { value: registry, generation: registry.generation };
    this.patchedBy.clear();
    for (const [uri, key] of patchedBy) this.patchedBy.set(uri, key);
  }
}
