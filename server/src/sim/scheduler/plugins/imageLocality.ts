// ImageLocality (pkg/scheduler/framework/plugins/imagelocality/image_locality.go).

import type { Plugin } from '../types';
const MAX_NODE_SCORE = 100; // framework.MaxNodeScore (a local copy keeps hot loops free of module-binding lookups)

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

export const imageLocality: Plugin = {
  name: 'ImageLocality',
  preScore(_s, pod, _nodes, ctx) {
    // None of the images is on a node: every node would score 0, so the plugin adds nothing.
    for (const image of pod.images) if (ctx.nodesWithImage(image) > 0) return undefined;
    return 'skip';
  },
  score(_s, pod, node, ctx) {
    if (pod.images.length === 0) return 0;
    const total = ctx.allNodes.length;
    let sum = 0;
    for (const image of pod.images) {
      const size = node.images.get(image);
      if (size === undefined) continue;
      // Scaled by how widely the image is spread, to avoid the node-heating problem.
      sum += Math.trunc(size * (ctx.nodesWithImage(image) / total));
    }
    const numContainers = (pod.pod.spec?.initContainers?.length ?? 0) + (pod.pod.spec?.containers?.length ?? 0);
    const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
    if (sum < MIN_THRESHOLD) sum = MIN_THRESHOLD;
    else if (sum > maxThreshold) sum = maxThreshold;
    return Math.trunc((MAX_NODE_SCORE * (sum - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
  },
};
