// The language server's side of rendered Kustomize overlays: workspace trust
// from the client, the engine setting, rendering after the startup scan and
// after file changes (debounced, never on a request's path), re-checking the
// files whose rendered judgement changed, and the requests the client uses.
//
// Protocol:
// - initializationOptions `{ workspaceTrusted: boolean }` (absent: untrusted, no
//   process runs) and the notification `drydock/workspaceTrust` `{ trusted }`;
// - settings `drydock.kustomize.path` and `drydock.kustomize.enabled`;
// - request `drydock/kustomize/overlays` -> OverlaySummary[] plus the availability;
// - `drydock/simulate` with `{ scope: 'overlay', overlay: <directory URI> }`.

import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import type { FeatureContext } from '../features/context';
import type { RenderedOverlayInput, SimulationRequest as SimulateParams } from '../features/simulate';
import { KUSTOMIZATION_FILE } from '../model/kustomize';
import { OVERLAYS_REQUEST, WORKSPACE_TRUST_NOTIFICATION } from '../protocol';
import { KustomizeModel, renderedLines, type KustomizeAvailability, type OverlayState } from '../model/kustomizeModel';
import type { Workspace } from '../model/workspace';

/** After a file change, wait this long for more changes before re-rendering. */
const RENDER_DEBOUNCE_MS = 400;

export interface OverlaySummary {
  uri: string;
  kustomizationUri: string;
  label: string;
  objects: number;
  error?: string;
  renderMs: number;
}

export interface KustomizeStatus {
  state: KustomizeAvailability['state'];
  /** Why overlays are not rendered (Restricted Mode, no engine, disabled). */
  reason?: string;
  /** The engine, when there is one: `kubectl kustomize (kubectl on PATH)`. */
  engine?: string;
  overlays: OverlaySummary[];
}

export interface KustomizeWiringOptions {
  connection: Connection;
  ctx: FeatureContext;
  /** Workspace folders (URIs), for overlay names. */
  folders: () => string[];
  /** Re-check these files' diagnostics. */
  recheck: (uris: Iterable<string>) => void;
  log: (message: string) => void;
  /** True while the startup scan runs: renders wait for its end (the server calls `refresh()` then). */
  scanning: () => boolean;
}

function pathsOf(uris: string[]): string[] {
  return uris.flatMap((u) => {
    try {
      return u.startsWith('file:') ? [fileURLToPath(u)] : [];
    } catch {
      return [];
    }
  });
}

/** Files whose diagnostics depend on an overlay's render. */
function affectedBy(overlay: OverlayState | undefined): string[] {
  return overlay ? [overlay.kustomizationUri, ...overlay.sourceUris, ...overlay.patchUris] : [];
}

export class KustomizeWiring {
  readonly model: KustomizeModel;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private toldUnavailable = false;
  private disposed = false;

  constructor(private readonly opts: KustomizeWiringOptions, trusted: boolean) {
    const settings = opts.ctx.settings.kustomize;
    this.model = new KustomizeModel({ trusted, enginePath: settings?.path, enabled: settings?.enabled, roots: pathsOf(opts.folders()) });
    opts.ctx.kustomize = this.model;
    let previous = new Map<string, OverlayState>();
    this.model.onDidChange(() => {
      const now = new Map(this.model.overlays().map((o) => [o.dir, o]));
      const files = new Set<string>();
      for (const [dir, o] of now) if (previous.get(dir) !== o) for (const u of [...affectedBy(o), ...affectedBy(previous.get(dir))]) files.add(u);
      for (const [dir, o] of previous) if (!now.has(dir)) for (const u of affectedBy(o)) files.add(u);
      // Availability changed (trust granted, engine setting): every kustomization file's hint changes.
      for (const f of opts.ctx.workspace.allFiles()) if (KUSTOMIZATION_FILE.test(f.uri)) files.add(f.uri);
      previous = now;
      for (const o of now.values()) if (o.error && !o.unsupported) opts.log(`drydock: kustomize build of ${this.model.label(o)} failed: ${o.error.split('\n')[0]}`);
      opts.recheck(files);
    });
    opts.connection.onNotification(WORKSPACE_TRUST_NOTIFICATION, (p: { trusted?: unknown }) => {
      if (this.model.configure({ trusted: p?.trusted === true })) this.announce();
      this.schedule(0);
    });
    opts.connection.onRequest(OVERLAYS_REQUEST, () => this.status());
  }

  /**
   * Files changed on disk (saved, created, deleted, changed outside the editor):
   * kustomize renders what is on disk, so only these re-render (after a pause);
   * overlays whose files did not change keep their render (fingerprints).
   */
  diskChanged(): void {
    this.schedule();
  }

  /** Settings changed: the engine path or the enabled flag may differ. */
  settingsChanged(): void {
    const s = this.opts.ctx.settings.kustomize;
    if (this.model.configure({ enginePath: s?.path, enabled: s?.enabled, roots: pathsOf(this.opts.folders()) })) {
      this.toldUnavailable = false;
      this.announce();
    }
    this.schedule(0);
  }

  /** Renders now (after the startup scan). */
  refresh(): Promise<boolean> {
    this.announce();
    return this.model.refresh(this.opts.ctx.workspace).catch((e) => {
      this.opts.log(`drydock: rendering Kustomize overlays failed: ${(e as Error).message}`);
      return false;
    });
  }

  /** Says once, in the Output channel, why overlays are not rendered. */
  private announce(): void {
    const a = this.model.availability;
    if (a.state === 'ready') {
      this.toldUnavailable = false;
      return;
    }
    if (this.toldUnavailable || a.state === 'disabled') return;
    if (![...this.opts.ctx.workspace.allFiles()].some((f) => KUSTOMIZATION_FILE.test(f.uri))) return;
    this.toldUnavailable = true;
    this.opts.log(`drydock: Kustomize overlays are not rendered: ${a.reason}. The raw files are analysed.`);
  }

  private schedule(delay = RENDER_DEBOUNCE_MS): void {
    if (this.disposed || this.model.availability.state !== 'ready') return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.opts.scanning()) return; // the scan's end refreshes
      void this.refresh();
    }, delay);
    this.timer.unref?.();
  }

  /** For `drydock/status` (the status bar): only when the workspace has kustomizations. */
  statusIfRelevant(): KustomizeStatus | undefined {
    return [...this.opts.ctx.workspace.allFiles()].some((f) => KUSTOMIZATION_FILE.test(f.uri)) ? this.status() : undefined;
  }

  status(): KustomizeStatus {
    const a = this.model.availability;
    return {
      state: a.state,
      reason: a.state === 'ready' ? undefined : a.reason,
      engine: a.state === 'ready' ? `${a.engine.origin}: ${a.engine.command}` : undefined,
      overlays: this.model.overlays().map((o) => ({ uri: o.dirUri, kustomizationUri: o.kustomizationUri, label: this.model.label(o), objects: o.objects.length, error: o.error, renderMs: o.ms })),
    };
  }

  /** Adds the rendered overlay to a `drydock/simulate` request of scope "overlay" (waits for a pending render). */
  async prepareSimulation(params: SimulateParams, workspace: Workspace): Promise<SimulateParams> {
    if (params.scope !== 'overlay') return params;
    const a = this.model.availability;
    if (a.state !== 'ready') return { ...params, rendered: undefined };
    await this.model.refresh(workspace);
    const overlay = typeof params.overlay === 'string' ? this.model.overlay(params.overlay) : undefined;
    if (!overlay?.virtual) return { ...params, rendered: undefined };
    const rendered: RenderedOverlayInput = { uri: overlay.virtualUri, text: overlay.virtual.text, label: this.model.label(overlay), lines: renderedLines(this.model, overlay, workspace) };
    return { ...params, rendered };
  }

  /** Why a simulation of scope "overlay" cannot run, if it cannot. */
  simulationProblem(params: SimulateParams): string | undefined {
    if (params.scope !== 'overlay') return undefined;
    const a = this.model.availability;
    if (a.state !== 'ready') return `Kustomize overlays are not rendered: ${a.reason}`;
    const overlay = typeof params.overlay === 'string' ? this.model.overlay(params.overlay) : undefined;
    if (!overlay) return `not a Kustomize overlay of this workspace: ${String(params.overlay)}`;
    if (!overlay.virtual) return `kustomize build of ${this.model.label(overlay)} failed: ${overlay.error ?? 'not rendered'}`;
    return undefined;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
