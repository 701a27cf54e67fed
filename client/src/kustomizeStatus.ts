// The status bar's words about Kustomize overlays (no vscode import: unit-tested).

/** The status bar tooltip's line about Kustomize overlays: how many are rendered, or why none are (Restricted Mode, no engine). */
export function kustomizeNote(k: unknown): string {
  if (!k || typeof k !== 'object') return '';
  const { state, reason, overlays } = k as { state?: unknown; reason?: unknown; overlays?: unknown };
  const list = Array.isArray(overlays) ? (overlays as Array<{ label?: unknown; error?: unknown }>) : [];
  if (state === 'ready') {
    if (list.length === 0) return '';
    const failed = list.filter((o) => typeof o.error === 'string').length;
    return `\nKustomize: ${list.length - failed} overlay(s) rendered${failed ? `, ${failed} not rendered (see the kustomization files)` : ''}.`;
  }
  if (state === 'disabled') return '';
  return typeof reason === 'string' ? `\nKustomize overlays are not rendered: ${reason}.` : '';
}
