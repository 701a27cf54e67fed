// Renders the Simulate Apply panel's body as an HTML string from the
// normalised simulation. Pure (no VS Code, no DOM) so it is tested directly.
// Every text and attribute value goes through `esc`; the webview script only
// swaps this HTML in and forwards clicks, so no model data ever reaches a
// script context. Clickable things carry `data-loc` = an index into the
// returned `locations`, which the extension resolves (the webview never
// sends a path of its own choosing).

import type { Scope, WhatIf } from '../../../server/src/protocol';
import { describeWhatIf } from './messages';
import { pendingPods, podKey, type PodView, type SimulationView, type SourceLocation } from './model';

export interface PanelState {
  scope: Scope;
  /** File the "current file" scope applies (workspace-relative label), if any. */
  fileLabel?: string;
  whatIfs: readonly WhatIf[];
  /** Shown as a banner when the last request failed. */
  error?: string;
  /** True while a newer simulation is being computed. */
  busy?: boolean;
  /** What the what-ifs did or why some were not applied (the result's whatIfMessages). */
  whatIfMessages?: readonly string[];
  /** What scope "file" was compared with (the response's `baseline`, e.g. the committed version at HEAD). */
  baseline?: string;
  /** Rendered Kustomize overlays offered by the server (scope "overlay"), and the picked one. */
  overlays?: ReadonlyArray<{ label: string }>;
  overlayIndex?: number;
}

export interface RenderResult {
  html: string;
  locations: SourceLocation[];
}

export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function formatCpu(millis: number | undefined): string {
  if (millis === undefined) return '?';
  if (millis % 1000 === 0) return String(millis / 1000);
  return millis >= 1000 ? `${(millis / 1000).toFixed(2).replace(/0+$/, '')}` : `${Math.round(millis)}m`;
}

export function formatBytes(b: number | undefined): string {
  if (b === undefined) return '?';
  const units: Array<[string, number]> = [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]];
  for (const [u, n] of units) if (b >= n) return `${+(b / n).toFixed(1)}${u}`;
  return `${b}`;
}

/** Collects source locations while rendering and hands out their indices. */
class Locations {
  readonly list: SourceLocation[] = [];
  private readonly index = new Map<string, number>();
  attr(loc: SourceLocation | undefined): string {
    if (!loc) return '';
    const key = `${loc.uri}#${loc.line}:${loc.character}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(loc);
      this.index.set(key, i);
    }
    return ` data-loc="${i}"`;
  }
}

/** A text that reveals its source when it has one (a real button: focusable and Enter/Space work). */
function linkTo(locs: Locations, loc: SourceLocation | undefined, text: string, title?: string): string {
  if (!loc) return `<span class="nolink">${esc(text)}</span>`;
  return `<button type="button" class="link"${locs.attr(loc)} title="${esc(title ?? 'Reveal the YAML that produced this')}">${esc(text)}</button>`;
}

function bar(label: string, used: number, total: number | undefined, text: string): string {
  const max = total && total > 0 ? total : Math.max(used, 1);
  const pct = Math.round((used / max) * 100);
  const cls = pct > 100 ? 'over' : pct >= 85 ? 'high' : '';
  return (
    `<div class="bar-row"><span class="bar-label">${esc(label)}</span>` +
    `<progress class="bar ${cls}" max="100" value="${Math.min(pct, 100)}" aria-label="${esc(`${label}: ${text} (${pct}%)`)}"></progress>` +
    `<span class="bar-text">${esc(text)}</span></div>`
  );
}

function section(id: string, title: string, count: number, body: string): string {
  return `<section class="sec" id="sec-${id}" aria-labelledby="h-${id}"><h2 id="h-${id}">${esc(title)} <span class="count">${count}</span></h2>${body}</section>`;
}

function phaseClass(p: PodView): string {
  return `phase-${p.phase.toLowerCase().replace(/[^a-z]/g, '')}`;
}

function renderToolbar(state: PanelState): string {
  const radio = (value: Scope, label: string) =>
    `<label class="radio"><input type="radio" name="scope" value="${value}" data-key="scope-${value}"${state.scope === value ? ' checked' : ''}> ${esc(label)}</label>`;
  const overlays = state.overlays ?? [];
  const overlayPicker = overlays.length
    ? radio('overlay', 'Kustomize overlay') +
      `<select name="overlay" data-key="overlay" aria-label="Kustomize overlay to simulate">${overlays
        .map((o, i) => `<option value="${i}"${i === (state.overlayIndex ?? 0) ? ' selected' : ''}>${esc(o.label)}</option>`)
        .join('')}</select>`
    : '';
  const fileText = state.fileLabel ? `Current file on top of the workspace (${state.fileLabel})` : 'Current file on top of the workspace';
  const whatIfs = state.whatIfs.length
    ? `<ul class="whatifs" aria-label="Active what-if changes">${state.whatIfs.map((w) => `<li>${esc(describeWhatIf(w))}</li>`).join('')}</ul>` +
      (state.whatIfMessages?.length ? `<ul class="whatif-messages dim" aria-label="What the what-if changes did">${state.whatIfMessages.map((m) => `<li>${esc(m)}</li>`).join('')}</ul>` : '')
    : '';
  return (
    `<header class="toolbar"><fieldset class="scope" role="radiogroup" aria-label="Simulation scope"><legend>Scope</legend>` +
    radio('file', fileText) +
    radio('workspace', 'Whole workspace') +
    overlayPicker +
    `</fieldset><div class="actions">` +
    `<button type="button" data-action="refresh" data-key="refresh">Refresh</button>` +
    `<button type="button" data-action="reset" data-key="reset"${state.whatIfs.length ? '' : ' disabled'} title="Undo all what-if changes">Reset what-ifs</button>` +
    `</div>${whatIfs}` +
    `<div class="status" role="status" aria-live="polite">${state.busy ? 'Simulating…' : ''}</div></header>`
  );
}

function renderNodes(view: SimulationView, locs: Locations, podsByKey: Map<string, PodView>): string {
  if (view.nodes.length === 0) return section('nodes', 'Nodes', 0, '<p class="empty">No nodes.</p>');
  const cards = view.nodes.map((n) => {
    const badges = [
      n.failed ? '<span class="badge bad">NotReady</span>' : '',
      n.unschedulable ? '<span class="badge warn">SchedulingDisabled</span>' : '',
      ...n.taints.map((t) => `<span class="badge" title="taint">${esc(t)}</span>`),
    ].join('');
    const pods = n.pods.length
      ? `<ul class="pods" aria-label="Pods on ${esc(n.name)}">${n.pods
          .map((key) => {
            const p = podsByKey.get(key);
            return `<li class="${p ? phaseClass(p) : ''}">${linkTo(locs, p?.source, key)}${p?.qosClass ? ` <span class="dim">${esc(p.qosClass)}</span>` : ''}</li>`;
          })
          .join('')}</ul>`
      : '<p class="empty">No pods.</p>';
    const op = (o: string, label: string) => `<button type="button" data-action="whatIf" data-op="${o}" data-node="${esc(n.name)}" data-key="${esc(`${o}-${n.name}`)}">${label}</button>`;
    return (
      `<li class="card node${n.failed ? ' failed' : ''}${n.unschedulable ? ' cordoned' : ''}" aria-label="Node ${esc(n.name)}">` +
      `<h3>${linkTo(locs, n.source, n.name, 'Reveal this Node')}</h3><div class="badges">${badges}</div>` +
      bar('CPU', n.requested.cpu, n.allocatable.cpu, `${formatCpu(n.requested.cpu)} / ${formatCpu(n.allocatable.cpu)}`) +
      bar('Memory', n.requested.memory, n.allocatable.memory, `${formatBytes(n.requested.memory)} / ${formatBytes(n.allocatable.memory)}`) +
      bar('Pods', n.pods.length, n.allocatable.pods, `${n.pods.length} / ${n.allocatable.pods ?? '?'}`) +
      pods +
      `<div class="node-actions" role="group" aria-label="What-if on ${esc(n.name)}">${n.unschedulable ? op('uncordon', 'Uncordon') : op('cordon', 'Cordon')}${op('drain', 'Drain')}${op('fail', 'Fail')}</div></li>`
    );
  });
  return section('nodes', 'Nodes', view.nodes.length, `<ul class="cards">${cards.join('')}</ul>`);
}

function renderPending(view: SimulationView, locs: Locations): string {
  const pending = pendingPods(view);
  if (pending.length === 0) return '';
  const items = pending.map(
    (p) =>
      `<li>${linkTo(locs, p.source, podKey(p))}${p.reason ? ` <span class="badge warn">${esc(p.reason)}</span>` : ''}` +
      `<div class="msg">${esc(p.message ?? 'Not scheduled yet.')}</div></li>`,
  );
  return section('pending', 'Pending pods', pending.length, `<ul class="list">${items.join('')}</ul>`);
}

function renderRejected(view: SimulationView, locs: Locations): string {
  if (view.rejected.length === 0) return '';
  const items = view.rejected.map(
    (r) => `<li>${linkTo(locs, r.source, `${r.kind} ${r.namespace ? r.namespace + '/' : ''}${r.name}`)}<div class="msg">${esc(r.message)}</div></li>`,
  );
  return section('rejected', 'Rejected by the API server', view.rejected.length, `<ul class="list">${items.join('')}</ul>`);
}

function renderServices(view: SimulationView, locs: Locations): string {
  if (view.services.length === 0) return '';
  const rows = view.services.map((s) => {
    const eps = s.endpoints.length
      ? s.endpoints.map((e) => esc(`${e.pod}${e.ip ? ` ${e.ip}` : ''}${e.port !== undefined ? `:${e.port}` : ''}`)).join('<br>')
      : '<span class="warn-text">no endpoints</span>';
    return `<tr><td>${linkTo(locs, s.source, `${s.namespace}/${s.name}`)}</td><td>${esc(s.type)}</td><td>${esc(s.clusterIP ?? '')}</td><td>${eps}</td></tr>`;
  });
  return section(
    'services',
    'Services',
    view.services.length,
    `<table><thead><tr><th scope="col">Service</th><th scope="col">Type</th><th scope="col">Cluster IP</th><th scope="col">Endpoints</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  );
}

function renderClaims(view: SimulationView, locs: Locations): string {
  if (view.claims.length === 0) return '';
  const rows = view.claims.map(
    (c) =>
      `<tr><td>${linkTo(locs, c.source, `${c.namespace}/${c.name}`)}</td><td class="${c.phase === 'Bound' ? '' : 'warn-text'}">${esc(c.phase)}</td>` +
      `<td>${esc(c.volume ?? '')}</td><td>${esc(c.storageClass ?? '')}</td></tr>`,
  );
  return section(
    'claims',
    'Persistent volume claims',
    view.claims.length,
    `<table><thead><tr><th scope="col">Claim</th><th scope="col">Status</th><th scope="col">Volume</th><th scope="col">Storage class</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  );
}

function renderRollouts(view: SimulationView, locs: Locations): string {
  if (view.rollouts.length === 0) return '';
  const items = view.rollouts.map((r) => {
    const steps = r.steps.map((s, i) => `<li>step ${i + 1}: ${s.newReplicas} new, ${s.oldReplicas} old</li>`).join('');
    return `<li>${linkTo(locs, r.source, `${r.namespace}/${r.name}`)}<ol class="steps">${steps}</ol></li>`;
  });
  return section('rollouts', 'Rollout steps', view.rollouts.length, `<ul class="list">${items.join('')}</ul>`);
}

function renderBudgets(view: SimulationView): string {
  if (view.budgets.length === 0) return '';
  const rows = view.budgets.map(
    (b) =>
      `<tr><td>${esc(`${b.namespace}/${b.name}`)}</td><td>${b.currentHealthy} / ${b.desiredHealthy}</td>` +
      `<td class="${b.disruptionsAllowed === 0 ? 'warn-text' : ''}">${b.disruptionsAllowed}</td></tr>`,
  );
  return section(
    'budgets',
    'Pod disruption budgets',
    view.budgets.length,
    `<table><thead><tr><th scope="col">Budget</th><th scope="col">Healthy / desired</th><th scope="col">Disruptions allowed</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  );
}

function renderAssumedNamespaces(view: SimulationView): string {
  if (view.assumedNamespaces.length === 0) return '';
  const items = view.assumedNamespaces.map((ns) => `<li>${esc(ns)}</li>`);
  return section(
    'namespaces',
    'Assumed namespaces',
    view.assumedNamespaces.length,
    `<p class="msg">Not defined in the workspace \u2014 assumed to exist (setting <code>drydock.simulation.strictNamespaces</code> rejects their objects instead).</p><ul class="list">${items.join('')}</ul>`,
  );
}

function renderSkipped(view: SimulationView, locs: Locations): string {
  if (view.skipped.length === 0) return '';
  const items = view.skipped.map((d) => {
    const what = d.kind ? `${d.kind}${d.name ? ` ${d.name}` : ''}` : 'document';
    return `<li>${linkTo(locs, d.source, what)}<div class="msg">${esc(d.reason)}</div></li>`;
  });
  return section('skipped', 'Not simulated', view.skipped.length, `<ul class="list">${items.join('')}</ul>`);
}

function renderWarnings(view: SimulationView, locs: Locations): string {
  if (view.warnings.length === 0) return '';
  const items = view.warnings.map((w) => `<li>${w.source ? linkTo(locs, w.source, w.message) : esc(w.message)}</li>`);
  return section('warnings', 'Warnings', view.warnings.length, `<ul class="list">${items.join('')}</ul>`);
}

function renderWorkloads(view: SimulationView, locs: Locations): string {
  if (view.workloads.length === 0) return '';
  const rows = view.workloads.map((w) => {
    const id = `${w.kind}-${w.namespace}-${w.name}`;
    return (
      `<tr><td>${linkTo(locs, w.source, `${w.kind} ${w.namespace}/${w.name}`)}</td><td>${w.replicas ?? ''}</td>` +
      `<td><label class="sr" for="${esc(`replicas-${id}`)}">Replicas for ${esc(w.name)}</label>` +
      `<input type="number" min="0" max="10000" id="${esc(`replicas-${id}`)}" data-key="${esc(`replicas-${id}`)}" value="${w.replicas ?? 1}">` +
      ` <button type="button" data-action="scale" data-kind="${esc(w.kind)}" data-namespace="${esc(w.namespace)}" data-name="${esc(w.name)}" data-input="${esc(`replicas-${id}`)}" data-key="${esc(`scale-${id}`)}">Scale</button></td></tr>`
    );
  });
  return section(
    'workloads',
    'Workloads',
    view.workloads.length,
    `<table><thead><tr><th scope="col">Workload</th><th scope="col">Replicas</th><th scope="col">What-if: scale to</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  );
}

function renderOverlayObjects(view: SimulationView, locs: Locations): string {
  if (view.overlayObjects.length === 0) return '';
  const rows = view.overlayObjects.map(
    (o) =>
      `<tr><td>${linkTo(locs, o.source, `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`, 'Reveal the base or overlay file this object came from')}</td>` +
      `<td>${o.replicas ?? ''}</td><td>${esc(o.images.join(', '))}</td></tr>`,
  );
  return section(
    'overlay',
    'Rendered overlay objects',
    view.overlayObjects.length,
    `<table><thead><tr><th scope="col">Object</th><th scope="col">Replicas</th><th scope="col">Images</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  );
}

function renderEvents(view: SimulationView, locs: Locations, podsByKey: Map<string, PodView>): string {
  if (view.events.length === 0) return section('events', 'Events', 0, '<p class="empty">No events.</p>');
  const rows = view.events.map((e) => {
    // Events about pods name them `pod/<name>`; fall back to the pod's source.
    const podName = /^pod\/(?:([^/]+)\/)?(.+)$/i.exec(e.object);
    const pod = podName ? [...podsByKey.values()].find((p) => p.name === podName[2] && (!podName[1] || p.namespace === podName[1])) : undefined;
    const src = e.source ?? pod?.source;
    return (
      `<tr class="${e.type === 'Warning' ? 'warning' : ''}"><td>${esc(e.type)}</td><td>${esc(e.reason)}</td>` +
      `<td>${linkTo(locs, src, e.object)}</td><td>${esc(e.message)}</td></tr>`
    );
  });
  return section(
    'events',
    'Events',
    view.events.length,
    `<table><thead><tr><th scope="col">Type</th><th scope="col">Reason</th><th scope="col">Object</th><th scope="col">Message</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  );
}

export function renderSummary(view: SimulationView): string {
  const running = view.pods.filter((p) => p.phase === 'Running').length;
  const pending = pendingPods(view).length;
  return `${view.nodes.length} nodes · ${view.pods.length} pods (${running} running, ${pending} pending) · ${view.rejected.length} rejected`;
}

/** The whole panel body for one simulation result. */
export function renderPanel(view: SimulationView | undefined, state: PanelState): RenderResult {
  const locs = new Locations();
  const parts = [renderToolbar(state)];
  if (state.error) parts.push(`<div class="error" role="alert">${esc(state.error)}</div>`);
  if (!view) {
    parts.push(`<p class="empty">${state.error ? 'No simulation result.' : 'Simulating…'}</p>`);
    return { html: `<main>${parts.join('')}</main>`, locations: locs.list };
  }
  const podsByKey = new Map(view.pods.map((p) => [podKey(p), p]));
  parts.push(`<p class="summary">${esc(renderSummary(view))}</p>`);
  if (state.scope === 'file' && state.baseline) parts.push(`<p class="summary baseline">Compared with ${esc(state.baseline)}</p>`);
  if (state.scope === 'overlay') parts.push(renderOverlayObjects(view, locs));
  parts.push(
    renderPending(view, locs),
    renderRejected(view, locs),
    renderWarnings(view, locs),
    renderAssumedNamespaces(view),
    renderSkipped(view, locs),
    renderNodes(view, locs, podsByKey),
    renderServices(view, locs),
    renderClaims(view, locs),
    renderRollouts(view, locs),
    renderBudgets(view),
    renderWorkloads(view, locs),
    renderEvents(view, locs, podsByKey),
  );
  return { html: `<main>${parts.join('')}</main>`, locations: locs.list };
}
