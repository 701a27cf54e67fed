// resource.Quantity.String(): the canonical form the API server prints in
// messages ("0.5" -> "500m", "1000" -> "1k", "2048Mi" -> "2Gi").
// Upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go
// (CanonicalizeBytes): binary amounts use the largest exact power of 1024 (and
// fall back to decimal below 1024 or when fractional); decimal amounts use the
// largest exponent that is a multiple of 3 keeping an integer mantissa.

const QUANTITY_RE = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|m|k|M|G|T|P|E|n|u)?$/;
const DECIMAL_SUFFIX_EXP: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const EXP_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** mantissa * 10^exp with the mantissa free of trailing zeros. */
function normalize(mantissa: bigint, exp: number): [bigint, number] {
  if (mantissa === 0n) return [0n, 0];
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exp++;
  }
  return [mantissa, exp];
}

function decimalText(mantissa: bigint, exp: number, exponentForm: boolean): string {
  [mantissa, exp] = normalize(mantissa, exp);
  if (mantissa === 0n) return '0';
  // Below nano the API server rounds up to 1n; keep it simple and exact otherwise.
  let e3 = Math.floor(exp / 3) * 3;
  if (e3 < -9) e3 = -9;
  if (e3 > 18) e3 = 18;
  const m = exp - e3 >= 0 ? mantissa * 10n ** BigInt(exp - e3) : mantissa;
  if (exponentForm) return e3 === 0 ? `${m}` : `${m}e${e3}`;
  return `${m}${EXP_SUFFIX[e3]}`;
}

/** Canonical text of a quantity as YAML gives it (string or number); the input unchanged when unparsable. */
export function canonicalQuantity(v: unknown): string {
  const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : typeof v === 'string' ? v : String(v);
  const m = QUANTITY_RE.exec(text.includes('e') && typeof v === 'number' ? Number(v).toFixed(9).replace(/\.?0+$/, '') : text);
  if (!m) return text;
  const sign = m[1] === '-' ? -1n : 1n;
  const [intPart, fracPart = ''] = m[2].split('.');
  const digits = BigInt(`${intPart || '0'}${fracPart}`) * sign;
  const fracLen = fracPart.length;
  const suffix = m[3] ?? '';
  const binaryIndex = BINARY.indexOf(suffix);
  if (suffix !== '' && binaryIndex > 0) {
    // value = digits * 1024^k / 10^fracLen
    const scaled = digits * 1024n ** BigInt(binaryIndex);
    const div = 10n ** BigInt(fracLen);
    if (scaled % div !== 0n) return decimalText(scaled, -fracLen, false);
    const bytes = scaled / div;
    const abs = bytes < 0n ? -bytes : bytes;
    if (abs < 1024n) return decimalText(bytes, 0, false);
    let k = 0;
    let mant = bytes;
    while (k < 6 && mant % 1024n === 0n) {
      mant /= 1024n;
      k++;
    }
    return `${mant}${BINARY[k]}`;
  }
  if (/^[eE]/.test(suffix)) return decimalText(digits, Number(suffix.slice(1)) - fracLen, true);
  return decimalText(digits, (DECIMAL_SUFFIX_EXP[suffix] ?? 0) - fracLen, false);
}
