// Reading the workspace folders from disk into the Workspace: the startup scan
// (in small batches, yielding to the event loop so requests are answered while
// it runs) and single-file re-reads for file-watcher events and closed editors.
// Open editor buffers always win over disk contents (the caller says which are open).

import { relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { collectManifestFiles, globToRegExp, readManifestText } from './files';
import type { Workspace } from './workspace';

const BATCH = 40;
const MANIFEST = /\.ya?ml$/i;

export interface ScanOptions {
  /** Globs relative to each folder (drydock.files.exclude). */
  exclude: string[];
  /** True for URIs open in the editor: their buffer wins over the disk. */
  isOpen: (uri: string) => boolean;
  /** Called after each batch with the files read so far and the total. */
  report?: (done: number, total: number) => void;
}

function folderPath(folderUri: string): string | undefined {
  try {
    return folderUri.startsWith('file:') ? fileURLToPath(folderUri) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads every manifest under the folders into the workspace; returns the number of files read. */
export async function scanFolders(workspace: Workspace, folderUris: string[], options: ScanOptions): Promise<number> {
  const roots = folderUris.map(folderPath).filter((p): p is string => !!p);
  const files = collectManifestFiles(roots, { exclude: options.exclude });
  let done = 0;
  for (let i = 0; i < files.length; i += BATCH) {
    for (const path of files.slice(i, i + BATCH)) {
      const uri = pathToFileURL(path).toString();
      if (options.isOpen(uri)) continue;
      const text = readManifestText(path);
      // Sliced for big files, so one 20 MB manifest does not block requests during the scan.
      if (text !== undefined) await workspace.setAsync(uri, text);
    }
    done = Math.min(files.length, i + BATCH);
    options.report?.(done, files.length);
    await new Promise((r) => setImmediate(r));
  }
  return files.length;
}

/** True when `uri` is a manifest file inside one of the folders and not excluded. */
export function isWorkspaceManifest(uri: string, folderUris: string[], exclude: string[]): boolean {
  const path = folderPath(uri);
  if (!path || !MANIFEST.test(path)) return false;
  const excludes = exclude.map(globToRegExp);
  for (const f of folderUris) {
    const root = folderPath(f);
    if (!root) continue;
    const rel = relative(root, path);
    if (rel.startsWith('..') || rel === '' || /^[a-zA-Z]:/.test(rel)) continue;
    const relSlash = rel.split(sep).join('/');
    if (relSlash.split('/').some((seg) => seg === 'node_modules' || seg === '.git')) return false;
    return !excludes.some((r) => r.test(relSlash));
  }
  return false;
}

/** The file's text on disk when it is a workspace manifest; undefined otherwise or when unreadable. */
export function readWorkspaceFile(uri: string, folderUris: string[], exclude: string[]): string | undefined {
  if (!isWorkspaceManifest(uri, folderUris, exclude)) return undefined;
  const path = folderPath(uri);
  return path ? readManifestText(path) : undefined;
}
