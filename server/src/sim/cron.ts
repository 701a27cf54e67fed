// Standard 5-field cron schedules (robfig/cron as the CronJob controller uses
// it): minute hour day-of-month month day-of-week, with `*`, lists, ranges,
// steps, month/day names and the @hourly-style macros. Times are UTC.

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Field {
  values: Set<number>;
  star: boolean;
}

function parseField(text: string, min: number, max: number, names?: string[]): Field | string {
  const values = new Set<number>();
  const star = text === '*' || text === '?';
  for (const part of text.split(',')) {
    const [rangePart, stepPart] = part.split('/');
    const step = stepPart === undefined ? 1 : Number(stepPart);
    if (!Number.isInteger(step) || step < 1) return `invalid step in "${part}"`;
    let lo = min;
    let hi = max;
    if (rangePart !== '*' && rangePart !== '?') {
      const ends = rangePart.split('-').map((v) => {
        const i = names ? names.indexOf(v.toLowerCase()) : -1;
        return i >= 0 ? i + (min === 1 && names === MONTHS ? 1 : 0) : Number(v);
      });
      if (ends.length > 2 || ends.some((v) => !Number.isInteger(v))) return `invalid value "${rangePart}"`;
      lo = ends[0];
      hi = ends.length === 2 ? ends[1] : stepPart !== undefined ? max : ends[0];
    }
    if (names === DAYS && hi === 7) hi = 7;
    if (lo < min || hi > (names === DAYS ? 7 : max) || lo > hi) return `value out of range (${min}-${max}) in "${part}"`;
    for (let v = lo; v <= hi; v += step) values.add(names === DAYS && v === 7 ? 0 : v);
  }
  return { values, star };
}

export interface CronSchedule {
  next(afterMs: number): number | undefined;
}

/** Parses a schedule; returns an error message when malformed. */
export function parseCron(spec: string): CronSchedule | { error: string } {
  let text = spec.trim();
  const tz = /^(CRON_TZ|TZ)=\S+\s+/.exec(text);
  if (tz) return { error: 'CRON_TZ or TZ used in schedule is not supported, please use timeZone field instead' };
  text = MACROS[text] ?? text;
  if (text.startsWith('@every')) return { error: `unsupported schedule "${spec}"` };
  const parts = text.split(/\s+/);
  if (parts.length !== 5) return { error: `expected exactly 5 fields, found ${parts.length}: ${JSON.stringify(spec)}` };
  const fields = [parseField(parts[0], 0, 59), parseField(parts[1], 0, 23), parseField(parts[2], 1, 31), parseField(parts[3], 1, 12, MONTHS), parseField(parts[4], 0, 6, DAYS)];
  const bad = fields.find((f) => typeof f === 'string');
  if (bad) return { error: bad as string };
  const [minute, hour, dom, month, dow] = fields as Field[];
  return {
    next(afterMs: number) {
      const t = new Date(Math.floor(afterMs / 60000) * 60000 + 60000);
      // Search minute by minute, skipping whole days/hours that cannot match; bounded to ~5 years.
      for (let guard = 0; guard < 5 * 366 * 24 * 60; guard++) {
        if (!month.values.has(t.getUTCMonth() + 1)) {
          t.setUTCMonth(t.getUTCMonth() + 1, 1);
          t.setUTCHours(0, 0, 0, 0);
          continue;
        }
        const domOk = dom.values.has(t.getUTCDate());
        const dowOk = dow.values.has(t.getUTCDay());
        const dayOk = dom.star || dow.star ? domOk && dowOk : domOk || dowOk;
        if (!dayOk) {
          t.setUTCDate(t.getUTCDate() + 1);
          t.setUTCHours(0, 0, 0, 0);
          continue;
        }
        if (!hour.values.has(t.getUTCHours())) {
          t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
          continue;
        }
        if (!minute.values.has(t.getUTCMinutes())) {
          t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
          continue;
        }
        return t.getTime();
      }
      return undefined;
    },
  };
}
