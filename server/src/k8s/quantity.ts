// Kubernetes resource.Quantity (k8s.io/apimachinery/pkg/api/resource/quantity.go):
//
//   <quantity>     ::= <signedNumber><suffix>
//   <signedNumber> ::= [+|-]<number>
//   <number>       ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
//   <suffix>       ::= <binarySI> | <decimalExponent> | <decimalSI>
//   <binarySI>     ::= Ki | Mi | Gi | Ti | Pi | Ei
//   <decimalSI>    ::= m | "" | k | M | G | T | P | E
//   <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>   (integer exponent)
//
// Values are returned as JS numbers (doubles); that is exact for every
// realistic request and close enough for scheduling arithmetic beyond 2^53.

const QUANTITY_RE = /^([+-]?)(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|m|k|M|G|T|P|E)?$/;

const DECIMAL_EXPONENT: Record<string, number> = { '': 0, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_POWER: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/**
 * Value × 10^scale, computed by letting the JS number parser read the decimal
 * string (`"0.07e3"`), so 0.07 CPU is exactly 70 millicores rather than 70.00000000000001.
 */
function scaledValue(s: string | number | null | undefined, scale: number): number | undefined {
  if (typeof s === 'number') return Number.isFinite(s) ? Number(`${s}e${scale}`) : undefined;
  if (typeof s !== 'string') return undefined;
  const m = QUANTITY_RE.exec(s);
  if (!m) return undefined;
  const suffix = m[3] ?? '';
  let value: number;
  if (suffix in BINARY_POWER) value = Number(`${m[2]}e${scale}`) * 2 ** BINARY_POWER[suffix];
  else {
    const exp = suffix in DECIMAL_EXPONENT ? DECIMAL_EXPONENT[suffix] : Number(suffix.slice(1));
    value = Number(`${m[2]}e${exp + scale}`);
  }
  if (!Number.isFinite(value)) return undefined;
  return m[1] === '-' ? -value : value;
}

/** Parses a quantity (`"200m"`, `"1Gi"`, `"1e3"`, or a YAML number) into its value in base units; undefined if invalid. */
export function parseQuantity(s: string | number | null | undefined): number | undefined {
  return scaledValue(s, 0);
}

export function isValidQuantity(s: unknown): boolean {
  return (typeof s === 'string' || typeof s === 'number') && parseQuantity(s as string | number) !== undefined;
}

/** CPU quantity in millicores, rounded up as `Quantity.MilliValue()` does; undefined if invalid. */
export function cpuToMillicores(s: string | number | null | undefined): number | undefined {
  const v = scaledValue(s, 3);
  return v === undefined ? undefined : Math.ceil(v);
}

/** Quantity in whole base units, rounded up as `Quantity.Value()` does (bytes, counts). */
export function quantityToInt(s: string | number | null | undefined): number | undefined {
  const v = parseQuantity(s);
  return v === undefined ? undefined : Math.ceil(v);
}

/** Converts a quantity of the named resource into the simulator's number: millicores for cpu, base units otherwise. */
export function resourceAmount(resourceName: string, s: string | number | null | undefined): number | undefined {
  return resourceName === 'cpu' ? cpuToMillicores(s) : quantityToInt(s);
}

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

export function formatNumber(n: number): string {
  return GROUPED.format(n);
}

/** `"0.2 CPU"` / `"2 CPUs"` from millicores. */
export function formatCpu(millicores: number): string {
  const cores = millicores / 1000;
  return `${formatNumber(cores)} ${cores <= 1 ? 'CPU' : 'CPUs'}`;
}

const BINARY_UNITS = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** Short human size, binary units: `"10Mi"`, `"1.5Gi"`, `"512 bytes"`. */
export function formatBytes(bytes: number): string {
  let v = bytes;
  let unit = -1;
  while (Math.abs(v) >= 1024 && unit < BINARY_UNITS.length - 1) {
    v /= 1024;
    unit++;
  }
  if (unit < 0) return `${formatNumber(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
  return `${Number(v.toFixed(2))}${BINARY_UNITS[unit]}`;
}

const BYTE_RESOURCES = new Set(['memory', 'ephemeral-storage', 'storage']);

/** Hover text for a quantity: `"200m = 0.2 CPU"`, `"10Mi = 10,485,760 bytes"`; an explanation when invalid. */
export function describeQuantity(resourceName: string, s: string | number): string {
  const text = String(s);
  const v = parseQuantity(s);
  if (v === undefined) {
    return `"${text}" is not a valid quantity (examples: 500m, 1, 1.5, 128Mi, 1Gi, 2e3).`;
  }
  const base = resourceName.startsWith('requests.') || resourceName.startsWith('limits.') ? resourceName.replace(/^(requests|limits)\./, '') : resourceName;
  if (base === 'cpu') {
    const milli = cpuToMillicores(s)!;
    return text.endsWith('m') ? `${text} = ${formatCpu(milli)}` : `${text} = ${formatCpu(milli)} (${milli}m)`;
  }
  if (BYTE_RESOURCES.has(base) || base.startsWith('hugepages-')) {
    const bytes = Math.ceil(v);
    const human = formatBytes(bytes);
    const suffix = /bytes?$/.test(human) || human === text ? '' : ` (${human})`;
    return `${text} = ${formatNumber(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}${suffix}`;
  }
  return `${text} = ${formatNumber(v)}`;
}
