// The "before" of a file for a simulation of scope "file": what the server reads
// from disk and git for the `drydock/simulate` request.

import { fileURLToPath } from 'node:url';
import { headVersion } from '../git/committed';
import { readManifestText } from '../model/files';

/** The saved text of a file on disk (the simulation baseline of an edited file), if readable. */
function savedText(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return readManifestText(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/**
 * The "before" of a file for scope "file": its version at HEAD when it is in a
 * git repository (no text when it is new since HEAD), else its saved text.
 */
export function fileBaseline(uri: string): { text?: string; commit?: string } {
  const head = uri.startsWith('file:') ? headVersion(fileURLToPath(uri)) : undefined;
  if (head) return { text: head.kind === 'committed' ? head.text : undefined, commit: head.commit };
  return { text: savedText(uri) };
}
