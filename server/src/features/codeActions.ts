// textDocument/codeAction: quick fixes keyed on our diagnostics' `code` + `data`
// (see the diagnostic contract) and refactorings/generators for the resource at the
// cursor. Each family lives in features/actions/; this file only dispatches.

import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import { SOURCE } from './diagnostics';
import { logFeatureError, type FeatureContext } from './context';
import { locateRange, type ActionEnv } from './actions/common';
import { secretActions } from './actions/secretDecode';
import { addPdbAction, addServiceAction } from './actions/addCompanions';
import { extractEnvActions } from './actions/extractEnv';
import { addResourcesActions } from './actions/addResources';
import { enumFix, invisibleIndentFix, missingApiVersionFix, renameFieldFix, slashCommentFix, unknownKindFix } from './actions/renameField';
import { apiInvalidFixes } from './actions/apiInvalid';
import { migrateApiFixes } from './actions/migrateApi';
import { missingRequiredFix } from './actions/missingRequired';
import { missingReferenceFixes } from './actions/missingReference';
import { selectsNothingFixes } from './actions/selectsNothing';
import { unschedulableFixes } from './actions/unschedulable';
import { targetPortFixes } from './actions/targetPort';
import { headlessServiceFixes } from './actions/headlessService';
import { podTemplatePath } from './actions/workloads';

export type QuickFixProvider = (env: ActionEnv, diagnostic: Diagnostic) => CodeAction[];

/** Quick fixes by diagnostic code. */
export const quickFixProviders: Record<string, QuickFixProvider> = {
  'unknown-field': (env, d) => renameFieldFix(env, d),
  'invalid-enum': (env, d) => enumFix(env, d),
  'unknown-kind': (env, d) => unknownKindFix(env, d),
  'missing-apiversion': missingApiVersionFix,
  'slash-comment': slashCommentFix,
  'yaml-invisible-indent': invisibleIndentFix,
  'api-invalid': apiInvalidFixes,
  'removed-api': migrateApiFixes,
  'deprecated-api': migrateApiFixes,
  'missing-required': (env, d) => missingRequiredFix(env, d),
  'missing-reference': missingReferenceFixes,
  'selects-nothing': selectsNothingFixes,
  unschedulable: unschedulableFixes,
  'target-port-not-found': targetPortFixes,
  'service-not-headless': headlessServiceFixes,
};

/** The parts of LSP CodeActionParams we read. */
export interface CodeActionParams {
  textDocument: { uri: string };
  range: Range;
  context: { diagnostics: Diagnostic[]; only?: string[] };
}

export interface CodeActionOptions {
  /** The client accepts CreateFile in WorkspaceEdit.documentChanges. */
  canCreateFiles?: boolean;
}

function wanted(only: string[] | undefined, kind: string | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || (kind ?? '').startsWith(o + '.'));
}

export function codeActions(ctx: FeatureContext, params: CodeActionParams, opts: CodeActionOptions = {}): CodeAction[] {
  const file = ctx.workspace.get(params.textDocument.uri);
  if (!file || file.isTemplate) return [];
  const env: ActionEnv = { ctx, file, canCreateFiles: !!opts.canCreateFiles };
  const only = params.context.only;
  const out: CodeAction[] = [];
  const run = (f: () => CodeAction[] | CodeAction | undefined, action: string) => {
    try {
      const r = f();
      if (Array.isArray(r)) out.push(...r);
      else if (r) out.push(r);
    } catch (err) {
      // A malformed document must never break the request: skip this action (and say why in the log).
      logFeatureError(ctx.log, `textDocument/codeAction ${action}`, err, params.textDocument.uri);
    }
  };
  if (wanted(only, 'quickfix')) {
    for (const d of params.context.diagnostics) {
      if (d.source !== SOURCE || typeof d.code !== 'string') continue;
      const provider = quickFixProviders[d.code];
      if (provider) run(() => provider(env, d), `quick fix for ${d.code}`);
    }
  }
  const at = locateRange(file, params.range);
  const r = at?.resource;
  if (at && r) {
    if (wanted(only, 'refactor.rewrite')) run(() => secretActions(env, r), 'secretActions');
    if (podTemplatePath(r.kind) !== undefined) {
      if (wanted(only, 'refactor.extract')) {
        run(() => addServiceAction(env, r), 'addServiceAction');
        run(() => addPdbAction(env, r), 'addPdbAction');
        run(() => extractEnvActions(env, r, at.local), 'extractEnvActions');
      }
      if (wanted(only, 'refactor.rewrite')) run(() => addResourcesActions(env, r, at.local), 'addResourcesActions');
    }
  }
  return out.filter((a) => wanted(only, a.kind));
}
