// Kustomize overlays for the CLI: `drydock check` and `drydock simulate` render
// the overlays among the paths they are given with the user's engine (the CLI is
// run by the user, so it counts as trusted), unless --no-kustomize.

import { statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RenderedOverlayInput } from '../features/simulate';
import { closureOf, KUSTOMIZATION_FILE, kustomizationFileIn, kustomizationGraph } from '../model/kustomize';
import { KustomizeModel, renderedLines } from '../model/kustomizeModel';
import type { Workspace } from '../model/workspace';
import { loadPaths } from './load';

/** Options both commands accept. */
export const KUSTOMIZE_FLAGS = ['no-kustomize', 'kustomize-path'];

/**
 * A model with the workspace's overlays rendered, undefined when --no-kustomize
 * or there is no kustomization, or a usage error. Without an engine it says so
 * once on stderr and the raw files are analysed.
 */
export async function kustomizeForCli(workspace: Workspace, flags: Map<string, string | true>): Promise<KustomizeModel | undefined | string> {
  if (flags.has('no-kustomize')) return undefined;
  const path = flags.get('kustomize-path');
  if (path === true) return '--kustomize-path needs the path of kustomize or kubectl';
  if (![...workspace.allFiles()].some((f) => KUSTOMIZATION_FILE.test(f.uri))) return undefined;
  const model = new KustomizeModel({ trusted: true, enginePath: path, roots: [process.cwd()] });
  const a = model.availability;
  if (a.state !== 'ready') {
    if (a.state === 'no-engine') process.stderr.write(`drydock: Kustomize overlays are not rendered: ${a.reason}; the raw files are analysed. Install kubectl (it embeds kustomize) or pass --kustomize-path.\n`);
    return undefined;
  }
  await model.refresh(workspace);
  return model;
}

/** Kustomization directories among the paths, rendered for `drydock simulate`. */
export interface RenderedPaths {
  /** The paths that are not kustomization directories (or could not be rendered: simulated raw). */
  rest: string[];
  rendered: RenderedOverlayInput[];
}

/**
 * Renders every path that is a kustomization directory (`drydock simulate
 * overlays/prod`). Without an engine, or when the render fails, the directory's
 * raw files are simulated as before, with a note on stderr.
 */
export async function renderKustomizationPaths(paths: string[], flags: Map<string, string | true>): Promise<RenderedPaths | string> {
  const rest: string[] = [];
  const rendered: RenderedOverlayInput[] = [];
  const path = flags.get('kustomize-path');
  if (path === true) return '--kustomize-path needs the path of kustomize or kubectl';
  for (const p of paths) {
    const file = flags.has('no-kustomize') || !isDirectory(p) ? undefined : kustomizationFileIn(resolve(p));
    if (!file) {
      rest.push(p);
      continue;
    }
    const model = new KustomizeModel({ trusted: true, enginePath: path, roots: [process.cwd()] });
    const a = model.availability;
    if (a.state !== 'ready') {
      process.stderr.write(`drydock: ${p} is a Kustomize overlay, but it is not rendered: ${a.reason}; its raw files are simulated.\n`);
      rest.push(p);
      continue;
    }
    const dir = dirname(file);
    const sources = loadPaths(closureOf(kustomizationGraph([file]), dir)).workspace;
    await model.refresh(sources);
    const overlay = model.overlay(dir);
    if (!overlay?.virtual) {
      process.stderr.write(`drydock: ${p}: kustomize build failed; its raw files are simulated.\n${overlay?.error ?? 'not rendered'}\n`);
      rest.push(p);
      continue;
    }
    rendered.push({ uri: overlay.virtualUri, text: overlay.virtual.text, label: model.label(overlay), lines: renderedLines(model, overlay, sources) });
  }
  return { rest, rendered };
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A file URI as the CLI shows it: relative to the working directory. */
export function displayPath(uri: string): string {
  try {
    return uri.startsWith('file:') ? relative(process.cwd(), fileURLToPath(uri)) || '.' : uri;
  } catch {
    return uri;
  }
}
