// ImageLocality: a case ported from upstream
// pkg/scheduler/framework/plugins/imagelocality/image_locality_test.go (TestImageLocalityPriority,
// "two images spread on two nodes, prefer the larger image one"), and the thresholds of
// image_locality.go (minThreshold 23MB, maxContainerThreshold 1000MB per container).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageLocality } from '../../../../server/src/sim/scheduler/plugins/imageLocality';
import { cluster, makeNode, makePod, runScore } from './harness';

const mb = 1024 * 1024;
const pod = (...images: string[]) => makePod({ containers: images.map((image, i) => ({ name: `c${i}`, image })) });
const node403002000 = makeNode('node1', { images: [{ names: ['gcr.io/40:latest', 'gcr.io/40:v1', 'gcr.io/40:v1'], sizeBytes: 40 * mb }, { names: ['gcr.io/300:latest', 'gcr.io/300:v1'], sizeBytes: 300 * mb }, { names: ['gcr.io/2000:latest'], sizeBytes: 2000 * mb }] });
const node25010 = makeNode('node2', { images: [{ names: ['gcr.io/250:latest'], sizeBytes: 250 * mb }, { names: ['gcr.io/10:latest', 'gcr.io/10:v1'], sizeBytes: 10 * mb }] });

test('ImageLocality Score: two images spread on two nodes, prefer the larger image one', () => {
  // node1: 40MB * 1/2 spread = 20MB < 23MB -> 0; node2: 250MB * 1/2 = 125MB -> (125-23)*100/(2000-23) = 5
  assert.deepEqual(runScore(cluster([node403002000, node25010]), imageLocality, pod('gcr.io/40', 'gcr.io/250')), { node1: 0, node2: 5 });
});

test('ImageLocality Score: an image on every node counts in full, capped at 1000MB per container', () => {
  const s = cluster([makeNode('a', { images: [{ names: ['big:1'], sizeBytes: 3000 * mb }] }), makeNode('b', { images: [{ names: ['big:1'], sizeBytes: 3000 * mb }] })]);
  assert.deepEqual(runScore(s, imageLocality, pod('big:1')), { a: 100, b: 100 });
});

test('ImageLocality PreScore: no node has any of the images, so the plugin adds nothing', () => {
  assert.equal(runScore(cluster([node25010]), imageLocality, pod('gcr.io/nowhere')), 'skip');
});
