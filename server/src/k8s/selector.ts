// Label selectors exactly as k8s.io/apimachinery v1.36 implements them:
// pkg/labels/selector.go (Parse, NewRequirement, Matches, String) and
// pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector). An invalid selector
// never throws: it carries `errors` and matches nothing.

export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: Operator;
  /** Sorted, de-duplicated. */
  values: string[];
}

export class Selector {
  /** `nothing` = labels.Nothing() (nil LabelSelector, empty Service selector, invalid selectors). */
  constructor(
    readonly requirements: readonly Requirement[],
    readonly nothing = false,
    readonly errors: readonly string[] = [],
  ) {}

  /** True when the selector matches every label set (no requirements). */
  isEverything(): boolean {
    return !this.nothing && this.requirements.length === 0;
  }

  matches(labels: Record<string, string> | undefined | null): boolean {
    if (this.nothing) return false;
    const reqs = this.requirements;
    for (let i = 0; i < reqs.length; i++) if (!requirementMatches(reqs[i], labels ?? EMPTY)) return false;
    return true;
  }

  /** Canonical string form (`baz in (norf,qux),foo=bar`), as upstream `String()`. Nothing prints as "". */
  toString(): string {
    if (this.nothing) return '';
    return (this.text ??= this.requirements.map(requirementToString).join(','));
  }

  private text?: string;
}

const EMPTY: Record<string, string> = Object.freeze({}) as Record<string, string>;
const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

export const EVERYTHING = new Selector([]);
export const NOTHING = new Selector([], true);

function requirementMatches(r: Requirement, labels: Record<string, string>): boolean {
  const has = hasOwn(labels, r.key);
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(labels[r.key]);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(labels[r.key]);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || r.values.length !== 1) return false;
      const a = parseInt64(labels[r.key]);
      const b = parseInt64(r.values[0]);
      if (a === undefined || b === undefined) return false;
      return r.operator === 'gt' ? a > b : a < b;
    }
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go strconv.ParseInt(s, 10, 64). */
export function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const v = BigInt(s);
  return v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

function requirementToString(r: Requirement): string {
  const s = r.operator === '!' ? '!' + r.key : r.key;
  switch (r.operator) {
    case 'exists':
    case '!':
      return s;
    case 'in':
      return `${s} in (${r.values.join(',')})`;
    case 'notin':
      return `${s} notin (${r.values.join(',')})`;
    case 'gt':
      return `${s}>${r.values.join(',')}`;
    case 'lt':
      return `${s}<${r.values.join(',')}`;
    default:
      return `${s}${r.operator}${r.values.join(',')}`;
  }
}

// --- key / value validation (pkg/api/validate/content) ---

const NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Errors of `IsQualifiedName` for a label key (empty when valid). */
function labelKeyErrors(key: string): string[] {
  const parts = key.split('/');
  let name: string;
  const errs: string[] = [];
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else {
      if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
      if (!DNS1123_SUBDOMAIN_RE.test(prefix)) errs.push(`prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`);
    }
  } else {
    return [`a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name.length > 0 && !NAME_RE.test(name)) errs.push(`name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  return errs;
}

function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!VALUE_RE.test(value)) errs.push(`a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  return errs;
}

/** `NewRequirement`: builds a requirement or returns the validation messages. */
export function newRequirement(key: string, operator: Operator, values: string[]): { requirement?: Requirement; errors: string[] } {
  const errors: string[] = [];
  for (const e of labelKeyErrors(key)) errors.push(`key: Invalid value: ${JSON.stringify(key)}: ${e}`);
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errors.push(`values: Invalid value: for 'in', 'notin' operators, values set can't be empty`);
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errors.push('values: Invalid value: exact-match compatibility requires one single value');
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errors.push('values: Invalid value: values set must be empty for exists and does not exist');
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errors.push(`values: Invalid value: for 'Gt', 'Lt' operators, exactly one value is required`);
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) errors.push(`values[${i}]: Invalid value: ${JSON.stringify(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
      });
      break;
    default:
      errors.push(`operator: Unsupported value: ${JSON.stringify(operator)}`);
  }
  values.forEach((v, i) => {
    for (const e of labelValueErrors(v)) errors.push(`values[${i}]: Invalid value: ${JSON.stringify(v)}: ${e}`);
  });
  if (errors.length) return { errors };
  return { requirement: { key, operator, values: [...new Set(values)].sort() }, errors };
}

function sortedSelector(reqs: Requirement[]): Selector {
  // Upstream sorts requirements by key (sort.Sort(ByKey)); keep equal keys in input order.
  return new Selector(reqs.map((r, i) => [r, i] as const).sort((a, b) => (a[0].key < b[0].key ? -1 : a[0].key > b[0].key ? 1 : a[1] - b[1])).map((x) => x[0]));
}

function invalid(errors: string[]): Selector {
  return new Selector([], true, errors);
}

/** Loose shape of metav1.LabelSelector as found in manifests (may be malformed). */
export interface LabelSelectorLike {
  matchLabels?: Record<string, unknown> | null;
  matchExpressions?: Array<{ key?: unknown; operator?: unknown; values?: unknown }> | null;
}

const EXPRESSION_OPERATORS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/** `metav1.LabelSelectorAsSelector`: nil → Nothing, `{}` → Everything, else matchLabels AND matchExpressions. */
export function selectorFromLabelSelector(ls: LabelSelectorLike | null | undefined): Selector {
  if (ls === null || ls === undefined) return NOTHING;
  if (typeof ls !== 'object' || Array.isArray(ls)) return invalid(['selector must be an object']);
  const labels = ls.matchLabels && typeof ls.matchLabels === 'object' ? ls.matchLabels : {};
  const exprs = Array.isArray(ls.matchExpressions) ? ls.matchExpressions : [];
  if (Object.keys(labels).length + exprs.length === 0) return EVERYTHING;
  const reqs: Requirement[] = [];
  const errors: string[] = [];
  for (const [k, v] of Object.entries(labels)) {
    const r = newRequirement(k, '=', [String(v ?? '')]);
    if (r.requirement) reqs.push(r.requirement);
    else errors.push(...r.errors);
  }
  for (const e of exprs) {
    const opName = String(e?.operator ?? '');
    const op = EXPRESSION_OPERATORS[opName];
    if (!op) {
      errors.push(`${JSON.stringify(opName)} is not a valid label selector operator`);
      continue;
    }
    const values = Array.isArray(e.values) ? e.values.map((v) => String(v)) : [];
    const r = newRequirement(String(e.key ?? ''), op, values);
    if (r.requirement) reqs.push(r.requirement);
    else errors.push(...r.errors);
  }
  return errors.length ? invalid(errors) : sortedSelector(reqs);
}

/** `labels.SelectorFromSet`: every entry must be equal; an empty or missing map selects everything. */
export function selectorFromSet(set: Record<string, unknown> | null | undefined): Selector {
  if (!set || typeof set !== 'object' || Object.keys(set).length === 0) return EVERYTHING;
  const reqs: Requirement[] = [];
  const errors: string[] = [];
  for (const [k, v] of Object.entries(set)) {
    const r = newRequirement(k, '=', [String(v ?? '')]);
    if (r.requirement) reqs.push(r.requirement);
    else errors.push(...r.errors);
  }
  return errors.length ? invalid(errors) : sortedSelector(reqs);
}

/** Service / ReplicationController `spec.selector` (a plain map): empty or missing selects NOTHING. */
export function selectorFromMap(map: Record<string, unknown> | null | undefined): Selector {
  if (!map || typeof map !== 'object' || Object.keys(map).length === 0) return NOTHING;
  return selectorFromSet(map);
}

// --- string form: labels.Parse ---

type Tok = 'id' | 'eos' | '!' | ',' | '(' | ')' | '=' | '==' | '!=' | '>' | '<' | 'in' | 'notin' | 'error';
const SPECIAL_TOKENS: Record<string, Tok> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', '<': '<', '!=': '!=', '(': '(' };
const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => '=!(),><'.includes(c);

function lex(input: string): Array<{ tok: Tok; lit: string }> {
  const out: Array<{ tok: Tok; lit: string }> = [];
  let i = 0;
  for (;;) {
    while (i < input.length && isWhitespace(input[i])) i++;
    if (i >= input.length) {
      out.push({ tok: 'eos', lit: '' });
      return out;
    }
    const c = input[i];
    if (isSpecial(c)) {
      let buffer = '';
      let last: { tok: Tok; lit: string } | undefined;
      while (i < input.length && isSpecial(input[i])) {
        buffer += input[i];
        const t = SPECIAL_TOKENS[buffer];
        if (t) {
          last = { tok: t, lit: buffer };
          i++;
        } else if (last) break;
        else i++;
      }
      if (!last) {
        out.push({ tok: 'error', lit: `error expected: keyword found '${buffer}'` });
        return out;
      }
      out.push(last);
    } else {
      let lit = '';
      while (i < input.length && !isWhitespace(input[i]) && !isSpecial(input[i])) lit += input[i++];
      out.push({ tok: lit === 'in' ? 'in' : lit === 'notin' ? 'notin' : 'id', lit });
    }
  }
}

class ParseError extends Error {}

class Parser {
  private pos = 0;
  constructor(private readonly items: Array<{ tok: Tok; lit: string }>) {}

  private get(valuesContext: boolean, advance: boolean): { tok: Tok; lit: string } {
    const item = this.items[Math.min(this.pos, this.items.length - 1)];
    if (advance && this.pos < this.items.length - 1) this.pos++;
    if (item.tok === 'error') throw new ParseError(item.lit);
    if (valuesContext && (item.tok === 'in' || item.tok === 'notin')) return { tok: 'id', lit: item.lit };
    return item;
  }
  private lookahead(values: boolean) {
    return this.get(values, false);
  }
  private consume(values: boolean) {
    return this.get(values, true);
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(true);
      if (tok === 'id' || tok === '!') {
        try {
          reqs.push(this.parseRequirement());
        } catch (e) {
          if (e instanceof ParseError) throw new ParseError(`unable to parse requirement: ${e.message}`);
          throw e;
        }
        const t = this.consume(true);
        if (t.tok === 'eos') return reqs;
        if (t.tok === ',') {
          const t2 = this.lookahead(true);
          if (t2.tok !== 'id' && t2.tok !== '!') throw new ParseError(`found '${t2.lit}', expected: identifier after ','`);
        } else throw new ParseError(`found '${t.lit}', expected: ',' or 'end of string'`);
      } else if (tok === 'eos') return reqs;
      else throw new ParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
    }
  }

  private parseRequirement(): Requirement {
    let operator: Operator | undefined;
    let t = this.consume(true);
    if (t.tok === '!') {
      operator = '!';
      t = this.consume(true);
    }
    if (t.tok !== 'id') throw new ParseError(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrors = labelKeyErrors(key);
    if (keyErrors.length) throw new ParseError(`key: Invalid value: ${JSON.stringify(key)}: ${keyErrors[0]}`);
    const next = this.lookahead(true).tok;
    if ((next === 'eos' || next === ',') && operator !== '!') operator = 'exists';
    if (operator === 'exists' || operator === '!') return this.build(key, operator, []);
    const opTok = this.consume(false);
    const OPS: Partial<Record<Tok, Operator>> = { in: 'in', notin: 'notin', '=': '=', '==': '==', '!=': '!=', '>': 'gt', '<': 'lt' };
    const op = OPS[opTok.tok];
    if (!op) throw new ParseError(`found '${opTok.lit}', expected: in, notin, =, ==, !=, gt, lt`);
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return this.build(key, op, [...values].sort());
  }

  private build(key: string, op: Operator, values: string[]): Requirement {
    const r = newRequirement(key, op, values);
    if (!r.requirement) throw new ParseError(r.errors.join('; '));
    return r.requirement;
  }

  private parseValues(): Set<string> {
    const t = this.consume(true);
    if (t.tok !== '(') throw new ParseError(`found '${t.lit}' expected: '('`);
    const la = this.lookahead(true);
    if (la.tok === 'id' || la.tok === ',') {
      const s = this.parseIdentifiersList();
      const close = this.consume(true);
      if (close.tok !== ')') throw new ParseError(`found '${la.lit}', expected: ')'`);
      return s;
    }
    if (la.tok === ')') {
      this.consume(true);
      return new Set(['']);
    }
    throw new ParseError(`found '${la.lit}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const t = this.consume(true);
      if (t.tok === 'id') {
        s.add(t.lit);
        const t2 = this.lookahead(true);
        if (t2.tok === ',') continue;
        if (t2.tok === ')') return s;
        throw new ParseError(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (t.tok === ',') {
        if (s.size === 0) s.add('');
        const t2 = this.lookahead(true);
        if (t2.tok === ')') {
          s.add('');
          return s;
        }
        if (t2.tok === ',') {
          this.consume(true);
          s.add('');
          // `(a,,)` and `(a,,,,,,)` are valid upstream (selector_test.go): a
          // closing parenthesis may follow a doubled comma.
          if (this.lookahead(true).tok === ')') return s;
        }
      } else throw new ParseError(`found '${t.lit}', expected: ',', or identifier`);
    }
  }

  private parseExactValue(): Set<string> {
    const la = this.lookahead(true);
    if (la.tok === 'eos' || la.tok === ',') return new Set(['']);
    const t = this.consume(true);
    if (t.tok === 'id') return new Set([t.lit]);
    throw new ParseError(`found '${t.lit}', expected: identifier`);
  }
}

/** `labels.Parse`: the string form (`env in (prod,devel),!canary,tier!=web,replicas>1`). */
export function parseSelector(input: string): { selector: Selector; error?: string } {
  try {
    const reqs = new Parser(lex(input)).parse();
    return { selector: sortedSelector(reqs) };
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    const error = e.message;
    return { selector: invalid([error]), error };
  }
}
