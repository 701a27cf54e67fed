// The Simulate Apply webview's document: a strict Content-Security-Policy
// (nothing loads but this document's own nonce-tagged style and script, no
// remote resources), theme-following CSS (VS Code's CSS variables only), and a
// small script that swaps in rendered HTML in one animation frame (keeping
// scroll position and focus), remembers it with setState, and forwards clicks
// as messages. Pure string building; tested without VS Code.

import { randomBytes } from 'node:crypto';

export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-src 'none'",
  ].join('; ');
}

const STYLE = `
:root { color-scheme: light dark; }
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 12px 24px; }
h2 { font-size: 1.1em; margin: 18px 0 8px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); padding-bottom: 4px; }
h3 { font-size: 1em; margin: 0 0 6px; }
.count { color: var(--vscode-descriptionForeground); font-weight: normal; }
.toolbar { position: sticky; top: 0; z-index: 1; background: var(--vscode-editor-background); padding: 8px 0; display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
fieldset.scope { border: none; margin: 0; padding: 0; display: flex; gap: 12px; align-items: center; }
fieldset.scope legend { float: left; margin-right: 8px; color: var(--vscode-descriptionForeground); }
.actions { display: flex; gap: 6px; }
button { font: inherit; color: var(--vscode-button-secondaryForeground, var(--vscode-button-foreground)); background: var(--vscode-button-secondaryBackground, var(--vscode-button-background)); border: 1px solid var(--vscode-button-border, transparent); padding: 2px 8px; border-radius: 2px; cursor: pointer; }
button:hover { background: var(--vscode-button-secondaryHoverBackground, var(--vscode-button-hoverBackground)); }
button:disabled { opacity: .5; cursor: default; }
button:focus-visible, input:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
button.link { background: none; border: none; padding: 0; color: var(--vscode-textLink-foreground); text-align: left; }
button.link:hover { text-decoration: underline; background: none; color: var(--vscode-textLink-activeForeground); }
input[type=number] { width: 6em; font: inherit; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); }
.status { color: var(--vscode-descriptionForeground); }
.whatifs { margin: 0; padding: 0 0 0 16px; color: var(--vscode-editorWarning-foreground); }
.summary { color: var(--vscode-descriptionForeground); }
.error { color: var(--vscode-errorForeground); border: 1px solid var(--vscode-inputValidation-errorBorder, currentColor); padding: 6px 8px; margin: 8px 0; }
.cards { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 10px; }
.card { border: 1px solid var(--vscode-widget-border, var(--vscode-panel-border, transparent)); background: var(--vscode-sideBar-background, transparent); border-radius: 4px; padding: 8px 10px; }
.card.failed { border-color: var(--vscode-errorForeground); }
.card.cordoned { border-style: dashed; }
.badges { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 6px; }
.badge { font-size: .85em; padding: 0 5px; border-radius: 8px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.badge.warn { background: var(--vscode-editorWarning-foreground); color: var(--vscode-editor-background); }
.badge.bad { background: var(--vscode-errorForeground); color: var(--vscode-editor-background); }
.bar-row { display: grid; grid-template-columns: 5em 1fr auto; gap: 6px; align-items: center; margin: 2px 0; }
.bar-label, .bar-text, .dim { color: var(--vscode-descriptionForeground); font-size: .9em; }
progress.bar { width: 100%; height: 8px; -webkit-appearance: none; appearance: none; border: none; }
progress.bar::-webkit-progress-bar { background: var(--vscode-input-background, rgba(128,128,128,.2)); border-radius: 4px; }
progress.bar::-webkit-progress-value { background: var(--vscode-progressBar-background, var(--vscode-focusBorder)); border-radius: 4px; }
progress.bar.high::-webkit-progress-value { background: var(--vscode-editorWarning-foreground); }
progress.bar.over::-webkit-progress-value { background: var(--vscode-errorForeground); }
.pods { list-style: none; padding: 0; margin: 6px 0; }
.pods li { padding: 1px 0; }
.pods li.phase-pending button.link, .pods li.phase-failed button.link { color: var(--vscode-errorForeground); }
.node-actions { display: flex; gap: 4px; margin-top: 6px; }
.list { padding-left: 18px; }
.list li { margin: 4px 0; }
.msg { color: var(--vscode-descriptionForeground); white-space: pre-wrap; }
.warn-text { color: var(--vscode-editorWarning-foreground); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 3px 8px 3px 0; border-bottom: 1px solid var(--vscode-widget-border, transparent); }
th { color: var(--vscode-descriptionForeground); font-weight: normal; }
tr.warning td:first-child { color: var(--vscode-editorWarning-foreground); }
.empty { color: var(--vscode-descriptionForeground); font-style: italic; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;

// Runs inside the webview. Plain ES2020, no imports. It never builds HTML from
// data itself: it swaps in HTML the extension rendered (and escaped).
const SCRIPT = `
(function () {
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');
  let pending = null;
  function apply(html) {
    const active = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.key : undefined;
    const inputs = {};
    root.querySelectorAll('input[type=number][data-key]').forEach(function (i) { if (i === document.activeElement) inputs[i.dataset.key] = i.value; });
    const x = window.scrollX, y = window.scrollY;
    root.innerHTML = html;
    for (const k in inputs) { const el = root.querySelector('[data-key="' + CSS.escape(k) + '"]'); if (el) el.value = inputs[k]; }
    if (active) { const el = root.querySelector('[data-key="' + CSS.escape(active) + '"]'); if (el) el.focus({ preventScroll: true }); }
    window.scrollTo(x, y);
  }
  function render(html) {
    // One swap per frame: bursts of updates while typing never show half states.
    if (pending !== null) { pending = html; return; }
    pending = html;
    requestAnimationFrame(function () { const h = pending; pending = null; apply(h); });
  }
  window.addEventListener('message', function (e) {
    const m = e.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'render' && typeof m.html === 'string') {
      render(m.html);
      vscode.setState({ html: m.html });
    }
  });
  root.addEventListener('click', function (e) {
    const t = e.target instanceof Element ? e.target.closest('button') : null;
    if (!t || t.disabled) return;
    if (t.dataset.loc !== undefined) { vscode.postMessage({ type: 'reveal', loc: Number(t.dataset.loc) }); return; }
    const a = t.dataset.action;
    if (a === 'refresh' || a === 'reset') vscode.postMessage({ type: a });
    else if (a === 'whatIf') vscode.postMessage({ type: 'whatIf', op: t.dataset.op, node: t.dataset.node });
    else if (a === 'scale') {
      const input = document.getElementById(t.dataset.input);
      vscode.postMessage({ type: 'whatIf', op: 'scale', kind: t.dataset.kind, namespace: t.dataset.namespace, name: t.dataset.name, replicas: input ? Number(input.value) : NaN });
    }
  });
  root.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' || !(e.target instanceof HTMLInputElement) || e.target.type !== 'number') return;
    const b = root.querySelector('button[data-input="' + CSS.escape(e.target.id) + '"]');
    if (b) b.click();
  });
  root.addEventListener('change', function (e) {
    const t = e.target;
    if (t instanceof HTMLInputElement && t.name === 'scope') vscode.postMessage({ type: 'scope', scope: t.value });
    if (t instanceof HTMLSelectElement && t.name === 'overlay') vscode.postMessage({ type: 'overlay', overlay: t.value });
  });
  const saved = vscode.getState();
  if (saved && typeof saved.html === 'string') apply(saved.html);
  vscode.postMessage({ type: 'ready' });
})();
`;

/** The full webview document; `body` is the initial rendered content (may be empty). */
export function panelDocument(cspSource: string, nonce: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Drydock: Simulate Apply</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<div id="root" aria-label="Simulation result">${body}</div>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}
