// helper.DefaultNormalizeScore (pkg/scheduler/framework/plugins/helper/normalize_score.go).

export const MAX_NODE_SCORE = 100;

/** Scales scores to [0, 100] by the maximum (integer division); `reverse` flips them. */
export function defaultNormalizeScore(scores: number[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) for (let i = 0; i < scores.length; i++) scores[i] = MAX_NODE_SCORE;
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = Math.trunc((MAX_NODE_SCORE * scores[i]) / max);
    if (reverse) s = MAX_NODE_SCORE - s;
    scores[i] = s;
  }
}
