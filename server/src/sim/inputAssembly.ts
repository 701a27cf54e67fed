// The simulation input as plain data, and its assembly. A file's share of the
// input (FileInput: plain objects with sources, and what was left out with why)
// is built from the parsed model by sim/input.ts; this module only orders and
// concatenates such shares, so it needs no parser: the simulation worker
// assembles its input from FileInputs the server posted, the CLI and in-process
// runs from FileInputs they built, with the same function.

import type { SkippedDocument } from './state';
import type { SimObject, SourceRef } from './types';

export interface InputObject {
  object: SimObject;
  source: SourceRef;
  /** Why kubectl or the API server cannot decode this manifest (the API server refuses it with this message). */
  decodeFailure?: string;
}

/** One entry of a file's input, in document order: an object to apply, or a document left out. */
export type InputEntry = { input: InputObject } | { skipped: SkippedDocument };

/** What one file contributes to the simulation (structured-cloneable: it crosses to the worker thread). */
export interface FileInput {
  uri: string;
  entries: InputEntry[];
}

/** The objects to apply, in apply order, and the documents left out. */
export interface CollectedInput {
  objects: InputObject[];
  skipped: SkippedDocument[];
}

const ORDER: Record<string, number> = {
  CustomResourceDefinition: 0,
  Namespace: 1,
  PriorityClass: 2,
  RuntimeClass: 2,
  StorageClass: 3,
  PersistentVolume: 4,
  ResourceQuota: 5,
  LimitRange: 5,
  ServiceAccount: 6,
  ConfigMap: 6,
  Secret: 6,
  PersistentVolumeClaim: 7,
  Node: 8,
  Service: 9,
  PodDisruptionBudget: 9,
};
const DEFAULT_ORDER = 10;
/** Autoscalers go last so their targets exist. */
const LATE: Record<string, number> = { HorizontalPodAutoscaler: 11 };

export function applyOrder(kind: string): number {
  return ORDER[kind] ?? LATE[kind] ?? DEFAULT_ORDER;
}

const byUri = (a: FileInput, b: FileInput) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0);

/**
 * The simulation input of a set of files: files in URI order, entries in
 * document order, then objects stable-sorted by apply order (namespaces before
 * what lives in them, classes and quotas before pods) so references resolve.
 */
export function assembleInput(files: Iterable<FileInput>): CollectedInput {
  const objects: InputObject[] = [];
  const skipped: SkippedDocument[] = [];
  for (const file of [...files].sort(byUri)) {
    for (const entry of file.entries) {
      if ('input' in entry) objects.push(entry.input);
      else skipped.push(entry.skipped);
    }
  }
  const indexed = objects.map((o, i) => ({ o, i }));
  indexed.sort((a, b) => applyOrder(a.o.object.kind) - applyOrder(b.o.object.kind) || a.i - b.i);
  return { objects: indexed.map((x) => x.o), skipped };
}
