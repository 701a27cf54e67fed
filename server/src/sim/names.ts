// Deterministic stand-ins for the random parts of Kubernetes naming:
// pod-template-hash, generateName suffixes. Upstream hashes with fnv32a and
// encodes with SafeEncodeString; we hash a canonical JSON of the template
// instead of Go's struct dump (which a TS program cannot reproduce), so the
// values look like upstream's and are stable, but are not byte-identical.

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** 32-bit FNV-1a over the UTF-8 bytes of `text`. */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Upstream `rand.SafeEncodeString`: maps each character to a vowel-free alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET[s.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/** JSON with object keys sorted, so equal objects hash equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const keys = Object.keys(value as object).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson((value as Record<string, unknown>)[k])).join(',') + '}';
}

/** `pod-template-hash` of a (defaulted) pod template, as ComputeHash shapes it. */
export function podTemplateHash(template: unknown, collisionCount = 0): string {
  const input = canonicalJson(template) + (collisionCount ? `#${collisionCount}` : '');
  return safeEncodeString(String(fnv32a(input)));
}

/** Five "random-looking" characters for generateName, derived from a seed. */
export function nameSuffix(seed: string, length = 5): string {
  let h = fnv32a(seed);
  let out = '';
  for (let i = 0; i < length; i++) {
    if (i === 3) h = fnv32a(seed + '#' + h);
    out += SAFE_ALPHABET[h % SAFE_ALPHABET.length];
    h = Math.floor(h / SAFE_ALPHABET.length);
  }
  return out;
}

/** Upstream generateName: the base is cut so the whole name fits 63 characters. */
export function generateName(base: string, seed: string): string {
  const max = 63 - 5;
  return (base.length > max ? base.slice(0, max) : base) + nameSuffix(seed);
}

// --- name validation (apimachinery/pkg/util/validation) ---
