// Parsing a manifest file into documents and resources.
//
// A file is split at YAML document markers (`---`, `...`) with a cheap line scan,
// and each chunk is parsed on its own with the `yaml` library. The parse of an
// unchanged chunk is reused on the next edit even if it moved, so a keystroke in a
// 1,000-document file re-parses one document. All node ranges inside a
// ManifestDoc are local to its chunk; `doc.start` converts them to file offsets.

import { isMap, isScalar, isSeq, parseDocument, Schema, visit, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import { LineIndex } from './text';
import { diffText } from './textDiff';
import { splitDocuments } from './split';

export { splitDocuments };
import { parseLeniently } from './yamlCompat';
import { inferTypeMeta, registryFor } from '../schema';

export interface YamlProblem {
  /** Chunk-local offsets. */
  start: number;
  end: number;
  message: string;
  severity: 'error' | 'warning';
  code: string;
}

/**
 * Options for `doc.yaml.toJS()`: bounded alias expansion protects against
 * billion-laughs inputs. Always convert through `toPlain()`.
 */
export const TO_JS_OPTIONS = { maxAliasCount: 100 } as const;

/** The plain JS value of a node, with bounded alias expansion; undefined if it cannot be converted. */
export function toPlain(doc: ManifestDoc, node: unknown): unknown {
  try {
    const n = node as { toJSON?: (arg: unknown, ctx: unknown) => unknown };
    if (!n || typeof n !== 'object' || !('range' in n)) return node;
    return (node as import('yaml').Node).toJS(doc.yaml, TO_JS_OPTIONS);
  } catch {
    return undefined;
  }
}

/**
 * One YAML document of a file (the text between two document markers). Its
 * nodes' `range` arrays and strings may be shared with other documents (see
 * internScalars): read them, never change them in place.
 */
export interface ManifestDoc {
  readonly uri: string;
  /** Position of this document in its file (0-based); updated when reused. */
  index: number;
  /** File offset of the first character of `text`; updated when reused. */
  start: number;
  /** Line of `start` in the file (documents start at a line start); updated when reused. */
  line: number;
  readonly text: string;
  readonly yaml: Document.Parsed;
  /** Kubernetes objects in this document: the object itself or the items of a `*List`. */
  readonly resources: Resource[];
  /** The document has string `apiVersion` and `kind` (a List counts). */
  readonly isKubernetes: boolean;
  readonly problems: YamlProblem[];
  /** Per-document caches owned by analysis layers (keyed by layer name); dropped with the document. */
  readonly cache: Map<string, unknown>;
}

/** A Kubernetes object: a mapping with string apiVersion and kind. */
export interface Resource {
  readonly doc: ManifestDoc;
  readonly node: YAMLMap;
  readonly apiVersion: string;
  /** API group ("" for core). */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** metadata.name, if a string. */
  readonly name?: string;
  /** metadata.namespace as written (not defaulted). */
  readonly namespace?: string;
  /** Index inside `items` when this resource is an item of a List document. */
  readonly listIndex?: number;
  /**
   * Set when the type above is inferred, not as written: no `apiVersion`, a kind in
   * the wrong case, a kind under the wrong group (`v1` Ingress). The object is still
   * a resource of the model, validated as the inferred type; kubectl refuses it.
   */
  readonly written?: { apiVersion?: string; kind: string };
}

export interface SourceFile {
  readonly uri: string;
  readonly text: string;
  readonly version: number;
  readonly lines: LineIndex;
  readonly docs: ManifestDoc[];
  /** Helm/Go template syntax outside string values: YAML errors are not reported. */
  readonly isTemplate: boolean;
}

/** Sticky: tried at each `{{` of a file rather than scanning all of its text. */
const HELM_HINT = /\{\{-?\s*(\.Values|\.Release|\.Chart|\.Capabilities|include\s+")/y;

function hasHelmHint(text: string): boolean {
  for (let at = text.indexOf('{{'); at >= 0; at = text.indexOf('{{', at + 1)) {
    HELM_HINT.lastIndex = at;
    if (HELM_HINT.test(text)) return true;
  }
  return false;
}

/** Chunk-local [start, end) ranges of every value scalar (not keys) of a document. */
function valueScalarRanges(doc: Document.Parsed): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.value) && pair.value.range) ranges.push([pair.value.range[0], pair.value.range[1]]);
    },
    Seq(_key, seq) {
      for (const item of seq.items) if (isScalar(item) && item.range) ranges.push([item.range[0], item.range[1]]);
    },
  });
  return ranges.sort((a, b) => a[0] - b[0]);
}

function cachedValueScalarRanges(doc: ManifestDoc): Array<[number, number]> {
  let ranges = doc.cache.get('parse.valueScalarRanges') as Array<[number, number]> | undefined;
  if (!ranges) doc.cache.set('parse.valueScalarRanges', (ranges = valueScalarRanges(doc.yaml)));
  return ranges;
}

/**
 * Helm-style templates: a `{{` that is YAML structure (a key, a flow node, a line of
 * its own), or Helm's own objects. A `{{` inside a string value (Prometheus
 * annotations, Argo CD and Kyverno variables) is plain data, and a comment is a comment.
 */
export function looksLikeTemplate(text: string, docs: readonly ManifestDoc[]): boolean {
  if (!text.includes('{{')) return false;
  if (hasHelmHint(text)) return true;
  if (docs.some((d) => d.problems.some((p) => p.severity === 'error'))) return true;
  let di = 0;
  let ranges: Array<[number, number]> | undefined;
  for (let at = text.indexOf('{{'); at >= 0; at = text.indexOf('{{', at + 2)) {
    while (di + 1 < docs.length && docs[di + 1].start <= at) {
      di++;
      ranges = undefined;
    }
    const doc = docs[di];
    const local = at - doc.start;
    // Cached on the document: a keystroke elsewhere in a big file does not walk this one again.
    ranges ??= cachedValueScalarRanges(doc);
    if (ranges.some(([s, e]) => s <= local && local < e)) continue;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    if (/(^|\s)#/.test(text.slice(lineStart, at))) continue; // inside a comment
    return true;
  }
  return false;
}

function stringValue(map: YAMLMap, key: string): string | undefined {
  const v = map.get(key, true);
  return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
}

function resourceOf(doc: ManifestDoc, node: Node | null | undefined, listIndex?: number): Resource | undefined {
  if (!isMap(node)) return undefined;
  const writtenApiVersion = stringValue(node, 'apiVersion');
  const writtenKind = stringValue(node, 'kind');
  if (writtenKind === undefined) return undefined;
  let apiVersion = writtenApiVersion;
  let kind = writtenKind;
  let written: Resource['written'];
  // A written type that is not served but has a plain intent (see schema/decode.ts).
  const type = inferTypeMeta(writtenApiVersion, writtenKind, registryFor());
  if (type && (type.apiVersion !== writtenApiVersion || type.kind !== writtenKind)) {
    apiVersion = type.apiVersion;
    kind = type.kind;
    written = writtenApiVersion === undefined ? { kind: writtenKind } : { apiVersion: writtenApiVersion, kind: writtenKind };
  }
  if (apiVersion === undefined) return undefined;
  const slash = apiVersion.indexOf('/');
  const meta = node.get('metadata', true);
  const name = isMap(meta) ? stringValue(meta, 'name') : undefined;
  const namespace = isMap(meta) ? stringValue(meta, 'namespace') : undefined;
  return {
    doc,
    node,
    apiVersion,
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
    kind,
    name,
    namespace,
    listIndex,
    ...(written ? { written } : {}),
  };
}

/**
 * Shared copies of short scalar strings. Every key and value the parser
 * produces is a fresh string (`name`, `apiVersion`, `app.kubernetes.io/name`,
 * `IfNotPresent`... repeated in every document), which in a 10,000-resource
 * workspace is a large share of the heap. Bounded: once full, it starts over
 * (strings already shared stay shared).
 */
const INTERN_MAX_LENGTH = 64;
const INTERN_MAX_ENTRIES = 50_000;
let interned = new Map<string, string>();

function intern(s: string): string {
  if (s.length > INTERN_MAX_LENGTH) return s;
  const found = interned.get(s);
  if (found !== undefined) return found;
  if (interned.size >= INTERN_MAX_ENTRIES) interned = new Map();
  interned.set(s, s);
  return s;
}

/**
 * Shared `range` arrays. Ranges are chunk-local, and documents written by the
 * same hand or tool repeat their layout (`apiVersion` at [0, 10, 10], `kind`
 * at [23, 27, 27], ...), so equal triples recur across thousands of documents;
 * each array costs ~72 bytes. Ranges are never changed after parsing (copies
 * of a node copy its range). Bounded like the string table.
 */
const RANGE_LIMIT = 1 << 17;
const RANGES_MAX_ENTRIES = 100_000;
let sharedRanges = new Map<number, [number, number, number]>();

function shareRange(node: { range?: [number, number, number] | null }): void {
  const r = node.range;
  if (!r || r[0] >= RANGE_LIMIT || r[1] >= RANGE_LIMIT || r[2] >= RANGE_LIMIT || r[0] < 0 || r[1] < 0 || r[2] < 0) return;
  const key = (r[0] * RANGE_LIMIT + r[1]) * RANGE_LIMIT + r[2];
  const found = sharedRanges.get(key);
  if (found) node.range = found;
  else {
    if (sharedRanges.size >= RANGES_MAX_ENTRIES) sharedRanges = new Map();
    sharedRanges.set(key, r);
  }
}

/** Replaces the strings of scalars (value and source) and the ranges of nodes under `node` with shared copies. */
function internScalars(node: unknown, depth = 0): void {
  if (depth > 200 || !node || typeof node !== 'object') return;
  shareRange(node as { range?: [number, number, number] | null });
  if (isScalar(node)) {
    const s = node as Scalar;
    if (typeof s.value === 'string') {
      const sameSource = s.source === s.value;
      const value = intern(s.value);
      s.value = value;
      if (sameSource) s.source = value;
      else if (typeof s.source === 'string') s.source = intern(s.source);
    } else if (typeof s.source === 'string') s.source = intern(s.source); // `8080`, `true`
    return;
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      internScalars(pair.key, depth + 1);
      internScalars(pair.value, depth + 1);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) internScalars(item, depth + 1);
  }
}

/**
 * The YAML 1.2 core schema, shared by all documents instead of one copy each
 * (the library's default). Nothing mutates a parsed document's schema.
 */
const CORE_SCHEMA = new Schema({ resolveKnownTags: true, schema: 'core' });
const YAML_DIRECTIVE = /^%YAML/m;

/**
 * The options of documents parsed with CORE_SCHEMA are all equal; each copy
 * also holds on to its parser's directives. One shared copy without them.
 */
let sharedOptions: Document.Parsed['options'] | undefined;

function shareOptions(yamlDoc: Document.Parsed): void {
  if (yamlDoc.schema !== CORE_SCHEMA) return;
  if (!sharedOptions) {
    const { _directives: _, ...rest } = yamlDoc.options as Document.Parsed['options'] & { _directives?: unknown };
    sharedOptions = Object.freeze(rest) as Document.Parsed['options'];
  }
  yamlDoc.options = sharedOptions;
}

const INVISIBLE_INDENT: Record<string, string> = { '\u00a0': 'a no-break space (U+00A0)', '\t': 'a tab' };

/**
 * `text` with every no-break space or tab in a line's leading whitespace replaced
 * by one space, and one problem per character kind; undefined when there is none.
 */
export function repairInvisibleIndentation(text: string): { text: string; problems: YamlProblem[] } | undefined {
  const found = new Map<string, { first: number; line: number; lines: number }>();
  let out = '';
  let lineNo = 0;
  let at = 0;
  let inBlockScalar = -1;
  for (const line of text.split('\n')) {
    const indent = /^[ \t\u00a0]*/.exec(line)![0];
    const content = line.slice(indent.length);
    const width = indent.length;
    // Lines inside a block scalar (`|`, `>`) keep their tabs: they are the value.
    if (inBlockScalar >= 0 && (content === '' || content === '\r' || width > inBlockScalar)) {
      out += line + '\n';
    } else {
      inBlockScalar = -1;
      let fixed = indent;
      for (const ch of Object.keys(INVISIBLE_INDENT)) {
        const i = indent.indexOf(ch);
        if (i < 0 || content === '' || content.startsWith('#')) continue;
        const f = found.get(ch);
        if (f) f.lines++;
        else found.set(ch, { first: at + i, line: lineNo, lines: 1 });
        fixed = fixed.split(ch).join(' ');
      }
      out += fixed + content + '\n';
      if (/[|>][-+0-9]*\s*(#.*)?\r?$/.test(content)) inBlockScalar = width;
    }
    at += line.length + 1;
    lineNo++;
  }
  if (found.size === 0) return undefined;
  const problems: YamlProblem[] = [...found].map(([ch, f]) => ({
    start: f.first,
    end: f.first + 1,
    severity: 'error' as const,
    code: 'yaml-invisible-indent',
    message: `Line ${f.line + 1}${f.lines > 1 ? ` and ${f.lines - 1} more line${f.lines > 2 ? 's' : ''}` : ''} ${f.lines > 1 ? 'are' : 'is'} indented with ${INVISIBLE_INDENT[ch]}: YAML indents with spaces only. Replace ${ch === '\t' ? 'the tabs' : 'them'} with spaces.`,
  }));
  return { text: out.slice(0, -1), problems };
}

function parseChunk(uri: string, text: string, start: number, index: number): ManifestDoc {
  // No keepSourceTokens: nothing reads the CST, and keeping it costs memory per node.
  const options = {
    uniqueKeys: false, // duplicate keys are reported by us, with both locations
    prettyErrors: false,
    // A `%YAML 1.1` document gets the library's own choice of schema.
    ...(YAML_DIRECTIVE.test(text) ? {} : { schema: CORE_SCHEMA }),
  };
  let yamlDoc: Document.Parsed = parseDocument(text, options);
  // kubectl accepts quoted values whose continuation lines are not indented past their key;
  // so do we, with a warning (before sharing: the lenient parse rewrites ranges in place).
  let lenientQuotes: number[] = [];
  if (yamlDoc.errors.some((e) => e.code === 'MISSING_CHAR')) {
    const lenient = parseLeniently(text, options);
    if (lenient) {
      yamlDoc = lenient.doc;
      lenientQuotes = lenient.quotes;
    }
  }
  // Indentation with a character the user cannot tell from a space (a no-break space
  // pasted from a web page, a tab): one error naming it instead of dozens of follow-on
  // errors, and the document read as if it were a space (same offsets, so ranges hold).
  let invisible: YamlProblem[] = [];
  if (yamlDoc.errors.length > 0) {
    const repaired = repairInvisibleIndentation(text);
    if (repaired) {
      const again = parseDocument(repaired.text, options);
      if (again.errors.length < yamlDoc.errors.length) {
        yamlDoc = again;
        invisible = repaired.problems;
      }
    }
  }
  shareOptions(yamlDoc);
  internScalars(yamlDoc.contents);
  const problems: YamlProblem[] = [...invisible, ...lenientQuotes.map((q) => ({
    start: q,
    end: q + 2,
    message: 'Continuation lines of this quoted value are not indented past its key: YAML 1.2 rejects this, kubectl accepts it.',
    severity: 'warning' as const,
    code: 'yaml-indentation',
  }))];
  for (const e of yamlDoc.errors) {
    problems.push({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1), message: e.message.split('\n')[0], severity: 'error', code: 'yaml-syntax' });
  }
  for (const w of yamlDoc.warnings) {
    problems.push({ start: w.pos[0], end: Math.max(w.pos[1], w.pos[0] + 1), message: w.message.split('\n')[0], severity: 'warning', code: 'yaml-warning' });
  }
  const resources: Resource[] = [];
  const doc: ManifestDoc = {
    uri,
    index,
    start,
    line: 0,
    text,
    yaml: yamlDoc,
    resources,
    isKubernetes: false,
    problems,
    cache: new Map(),
  };
  const top = resourceOf(doc, yamlDoc.contents as Node | null);
  if (top) {
    (doc as { isKubernetes: boolean }).isKubernetes = true;
    const items = top.kind.endsWith('List') ? top.node.get('items', true) : undefined;
    if (isSeq(items)) {
      items.items.forEach((item, i) => {
        const r = resourceOf(doc, item as Node, i);
        if (r) resources.push(r);
      });
    } else {
      resources.push(top);
    }
  }
  return doc;
}

/**
 * One parse of a file's text, which can run to the end at once (parseFile) or
 * in time slices (Workspace.setAsync), one document at a time. Matching the
 * chunks against reusable documents happens up front, so `bytesToParse` tells
 * the caller how much real parsing is left. Reused documents get their new
 * position only in `finish()`: until then they still belong to the previous
 * version of the file, which keeps answering requests.
 */
export class FileParse {
  /** Total length of the chunks that need a fresh parse (no reusable document). */
  readonly bytesToParse: number;
  /** Documents parsed so far by this job: a job superseded by a newer edit hands them on for reuse. */
  readonly fresh: ManifestDoc[] = [];
  private readonly chunks: Array<[number, number]>;
  private readonly slots: Array<ManifestDoc | undefined>;
  private next = 0;
  /** The line index, derived from the previous version's when there is one. */
  private readonly lines?: () => LineIndex;

  constructor(
    readonly uri: string,
    readonly text: string,
    readonly version = 0,
    previous?: SourceFile,
    /** More reusable documents (the fresh documents of a superseded job). */
    extra: readonly ManifestDoc[] = [],
  ) {
    this.chunks = splitDocuments(text);
    this.slots = new Array<ManifestDoc | undefined>(this.chunks.length).fill(undefined);
    const change = previous ? diffText(previous.text, text) : undefined;
    if (previous && change) this.lines = () => LineIndex.edited(previous.lines, text, change);
    // Chunks wholly before or after the changed text are the previous documents at the same
    // (or shifted) offset: found by position, without hashing the text of every document.
    const claimed = new Set<ManifestDoc>();
    if (previous && change) {
      const delta = change.newSuffix - change.oldSuffix;
      this.chunks.forEach(([s, e], i) => {
        const oldStart = e <= change.prefix ? s : s >= change.newSuffix ? s - delta : -1;
        const old = oldStart < 0 ? undefined : docStartingAt(previous.docs, oldStart);
        if (old && old.text.length === e - s && !claimed.has(old)) {
          claimed.add(old);
          this.slots[i] = old;
        }
      });
    }
    // The other chunks: any unclaimed document with the same text (moved, or from a superseded job).
    let reusable: Map<string, ManifestDoc[]> | undefined;
    let bytes = 0;
    this.chunks.forEach(([s, e], i) => {
      if (this.slots[i]) return;
      if (!reusable) {
        const map = new Map<string, ManifestDoc[]>();
        const offer = (d: ManifestDoc) => {
          if (claimed.has(d)) return;
          const list = map.get(d.text);
          if (list) list.push(d);
          else map.set(d.text, [d]);
        };
        if (previous) for (const d of previous.docs) offer(d);
        for (const d of extra) offer(d);
        reusable = map;
      }
      const old = reusable.size > 0 ? reusable.get(text.slice(s, e))?.shift() : undefined;
      if (old) this.slots[i] = old;
      else bytes += e - s;
    });
    this.bytesToParse = bytes;
  }

  /** Parses chunks until all are done (true) or `deadline` (a Date.now() value) has passed (false). */
  step(deadline = Infinity): boolean {
    while (this.next < this.chunks.length) {
      const i = this.next++;
      if (this.slots[i]) continue;
      const [s, e] = this.chunks[i];
      const doc = parseChunk(this.uri, this.text.slice(s, e), s, i);
      this.slots[i] = doc;
      this.fresh.push(doc);
      if (Date.now() >= deadline) return this.next >= this.chunks.length;
    }
    return true;
  }

  /** The parsed file; call once step() has returned true. */
  finish(): SourceFile {
    const docs = this.slots.map((doc, i) => {
      const d = doc ?? parseChunk(this.uri, this.text.slice(this.chunks[i][0], this.chunks[i][1]), this.chunks[i][0], i);
      d.start = this.chunks[i][0];
      d.index = i;
      return d;
    });
    const text = this.text;
    const lines = this.lines ? this.lines() : new LineIndex(text);
    // Start lines in one merge pass over the line starts (documents are in file order).
    const starts = lines.lineStarts;
    let line = 0;
    for (const d of docs) {
      while (line + 1 < starts.length && starts[line + 1] <= d.start) line++;
      d.line = line;
    }
    return { uri: this.uri, text, version: this.version, lines, docs, isTemplate: looksLikeTemplate(text, docs) };
  }
}

/** The document of `docs` (in file order) starting at `start`, if any. */
function docStartingAt(docs: readonly ManifestDoc[], start: number): ManifestDoc | undefined {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = docs[mid].start;
    if (d === start) return docs[mid];
    if (d < start) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/**
 * Parses `text`, reusing the documents of `previous` whose text is unchanged.
 */
export function parseFile(uri: string, text: string, version = 0, previous?: SourceFile): SourceFile {
  const job = new FileParse(uri, text, version, previous);
  job.step();
  return job.finish();
}

/** The document containing a file offset (the last one starting at or before it). */
export function docAt(file: SourceFile, offset: number): ManifestDoc | undefined {
  let found: ManifestDoc | undefined;
  for (const d of file.docs) {
    if (d.start <= offset) found = d;
    else break;
  }
  return found;
}

/** The resource whose node contains a chunk-local offset. */
export function resourceAt(doc: ManifestDoc, localOffset: number): Resource | undefined {
  if (doc.resources.length <= 1) return doc.resources[0];
  for (const r of doc.resources) {
    const range = r.node.range;
    if (range && range[0] <= localOffset && localOffset <= range[2]) return r;
  }
  return undefined;
}
