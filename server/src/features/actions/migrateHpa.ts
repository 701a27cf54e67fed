// HorizontalPodAutoscaler autoscaling/v2beta1 -> autoscaling/v2: metric sources switch
// from flat `target*` fields to `metric` + `target: {type, value|averageValue|averageUtilization}`.
// Status metrics switch the same way, from `current*` fields to `current: {...}`.
// (v2beta2 already has the v2 shape: only its apiVersion changes.)

import { isMap, isSeq, type YAMLMap } from 'yaml';
import type { Resource, SourceFile } from '../../model/parse';
import { toPlain } from '../../model/parse';
import { pairIn, setPairValue, type OffsetEdit } from '../../model/edit';
import { mapAt } from './common';

type Obj = Record<string, unknown>;

function metricId(name: unknown, selector: unknown): Obj {
  return selector !== undefined ? { name, selector } : { name };
}

function rest(src: Obj, drop: string[]): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(src)) if (!drop.includes(k)) out[k] = v;
  return out;
}

/** The v2 form of one v2beta1 metric source (keyed by its type field), or undefined if already v2. */
export function convertMetricSource(type: string, src: Obj): Obj | undefined {
  if ('target' in src && typeof src.target === 'object' && src.target && 'type' in (src.target as Obj)) return undefined;
  switch (type) {
    case 'resource':
    case 'containerResource': {
      const target =
        src.targetAverageUtilization !== undefined
          ? { type: 'Utilization', averageUtilization: src.targetAverageUtilization }
          : { type: 'AverageValue', averageValue: src.targetAverageValue };
      return { ...rest(src, ['targetAverageUtilization', 'targetAverageValue']), target };
    }
    case 'pods':
      return { ...rest(src, ['metricName', 'selector', 'targetAverageValue']), metric: metricId(src.metricName, src.selector), target: { type: 'AverageValue', averageValue: src.targetAverageValue } };
    case 'object': {
      const target = src.averageValue !== undefined ? { type: 'AverageValue', averageValue: src.averageValue } : { type: 'Value', value: src.targetValue };
      return {
        ...rest(src, ['target', 'metricName', 'selector', 'targetValue', 'averageValue']),
        describedObject: src.target,
        metric: metricId(src.metricName, src.selector),
        target,
      };
    }
    case 'external': {
      const target = src.targetAverageValue !== undefined ? { type: 'AverageValue', averageValue: src.targetAverageValue } : { type: 'Value', value: src.targetValue };
      return { ...rest(src, ['metricName', 'metricSelector', 'targetValue', 'targetAverageValue']), metric: metricId(src.metricName, src.metricSelector), target };
    }
    default:
      return undefined;
  }
}

/** v2beta1 status value fields -> the fields of v2's `current` (MetricValueStatus). */
const CURRENT_FIELDS: Record<string, string> = { currentAverageUtilization: 'averageUtilization', currentAverageValue: 'averageValue', currentValue: 'value' };

/** The v2 form of one v2beta1 status metric source, or undefined if already v2. */
export function convertMetricStatus(type: string, src: Obj): Obj | undefined {
  if ('current' in src) return undefined;
  const current: Obj = {};
  for (const [from, to] of Object.entries(CURRENT_FIELDS)) if (src[from] !== undefined) current[to] = src[from];
  const values = Object.keys(CURRENT_FIELDS);
  switch (type) {
    case 'resource':
    case 'containerResource':
      return { ...rest(src, values), current };
    case 'pods':
      return { ...rest(src, [...values, 'metricName', 'selector']), metric: metricId(src.metricName, src.selector), current };
    case 'object':
      // v2beta1 ObjectMetricStatus carries its average as plain `averageValue`.
      if (src.averageValue !== undefined) current.averageValue = src.averageValue;
      return { ...rest(src, [...values, 'target', 'metricName', 'selector', 'averageValue']), describedObject: src.target, metric: metricId(src.metricName, src.selector), current };
    case 'external':
      return { ...rest(src, [...values, 'metricName', 'metricSelector']), metric: metricId(src.metricName, src.metricSelector), current };
    default:
      return undefined;
  }
}

const METRIC_TYPES = ['resource', 'containerResource', 'pods', 'object', 'external'];

function metricListEdits(file: SourceFile, r: Resource, path: string[], field: string, convert: (type: string, src: Obj) => Obj | undefined): OffsetEdit[] {
  const metrics = mapAt(r.node, path)?.get(field, true);
  if (!isSeq(metrics)) return [];
  const edits: OffsetEdit[] = [];
  for (const m of metrics.items) {
    if (!isMap(m)) continue;
    for (const type of METRIC_TYPES) {
      const pair = pairIn(m, type);
      if (!pair || !isMap(pair.value)) continue;
      const converted = convert(type, toPlain(r.doc, pair.value as YAMLMap) as Obj);
      if (converted) edits.push(setPairValue(file, r.doc, pair, converted));
    }
  }
  return edits;
}

/** Edits converting spec.metrics and status.currentMetrics from v2beta1 to v2. */
export function hpaEdits(file: SourceFile, r: Resource): OffsetEdit[] {
  return [...metricListEdits(file, r, ['spec'], 'metrics', convertMetricSource), ...metricListEdits(file, r, ['status'], 'currentMetrics', convertMetricStatus)];
}
