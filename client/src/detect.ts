// A cheap textual check for "this YAML file holds Kubernetes objects", used only
// to decide where the Simulate Apply button shows. The server does the real
// detection, per document.

/** Only the head of big files is looked at. */
const SCAN_CHARS = 64 * 1024;

export function looksLikeKubernetes(text: string): boolean {
  const head = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text;
  return /^\s*(?:-\s+)?apiVersion\s*:/m.test(head) && /^\s*kind\s*:/m.test(head);
}
