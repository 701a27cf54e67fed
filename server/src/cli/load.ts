// Loading manifest paths into a Workspace for the CLI.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectManifestFiles, readManifestText } from '../model/files';
import { Workspace } from '../model/workspace';

export interface LoadedWorkspace {
  workspace: Workspace;
  /** uri -> path as the user gave it (relative paths stay relative in reports). */
  paths: Map<string, string>;
  unreadable: string[];
}

export function loadPaths(paths: string[], exclude: string[] = []): LoadedWorkspace {
  const workspace = new Workspace();
  const map = new Map<string, string>();
  const unreadable: string[] = [];
  for (const p of collectManifestFiles(paths.length > 0 ? paths : ['.'], { exclude })) {
    const text = readManifestText(p);
    if (text === undefined) {
      unreadable.push(p);
      continue;
    }
    const uri = pathToFileURL(resolve(p)).toString();
    map.set(uri, p);
    workspace.set(uri, text);
  }
  return { workspace, paths: map, unreadable };
}

/** Splits argv into positional arguments and `--flag value` / `--flag` options. */
export function parseArgs(argv: string[], booleanFlags: string[] = []): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else if (booleanFlags.includes(a.slice(2)) || i + 1 >= argv.length || argv[i + 1].startsWith('--')) flags.set(a.slice(2), true);
      else flags.set(a.slice(2), argv[++i]);
    } else positional.push(a);
  }
  return { positional, flags };
}
