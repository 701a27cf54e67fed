// Kustomize overlays for the CLI: `drydock check` and `drydock simulate` render
// the overlays among the paths they are given with the user's engine (the CLI is
// run by the user, so it counts as trusted), unless --no-kustomize.

import { KUSTOMIZATION_FILE } from '../model/kustomize';
import { KustomizeModel } from '../model/kustomizeModel';
import type { Workspace } from '../model/workspace';

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
