// Parsing a manifest file into documents and resources.
//
// A file is split at YAML document markers (`---`, `...`) with a cheap line scan,
// and each chunk is parsed on its own with the `yaml` library. The parse of an
// unchanged chunk is reused on the next edit even if it moved, so a keystroke in a
// 1,000-document file re-parses one document. All node ranges inside a
// ManifestDoc are local to its chunk; `doc.start` converts them to file offsets.
//
// The parts: model/split.ts (cutting at markers), model/document.ts (the types),
// model/documentType.ts (which objects a document holds, types inferred),
// model/intern.ts (strings and ranges shared between documents, per workspace),
// model/template.ts (Helm template files), model/yamlCompat.ts (kubectl's leniency),
// model/yaml11.ts (kubectl's YAML 1.1 reading of plain scalars and `<<` merges).

import { parseDocument, type Document } from 'yaml';
import { LineIndex } from './text';
import { diffText } from './textDiff';
import { flatText, TextBuffer } from './textBuffer';
import { splitDocuments, splitDocumentsEdited } from './split';
import { parseLeniently } from './yamlCompat';
import { documentResources } from './documentType';
import { ParseInterner } from './intern';
import { looksLikeTemplate } from './template';
import { KUBECTL_SCHEMA } from './yaml11';
import { walkParsed } from './parseWalk';
import { DocCache, type ManifestDoc, type Resource, type SourceFile, type YamlProblem } from './document';

export { splitDocuments, looksLikeTemplate, ParseInterner };
export { DocCacheSlot, TO_JS_OPTIONS, toPlain } from './document';
export type { ManifestDoc, Resource, SourceFile, YamlProblem } from './document';

// The schema, KUBECTL_SCHEMA (model/yaml11.ts: kubectl's reading of YAML), is shared
// by all documents instead of one copy each (the library's default). Nothing mutates
// a parsed document's schema.
const YAML_DIRECTIVE = /^%YAML/m;

/** The options every chunk is parsed with (a `%YAML 1.1` document gets the library's own choice of schema). */
const PARSE_OPTIONS = {
  uniqueKeys: false, // duplicate keys are reported by us, with both locations
  prettyErrors: false,
} as const;

/**
 * The options of documents parsed with KUBECTL_SCHEMA are all equal; each copy
 * also holds on to its parser's directives. One frozen copy without them,
 * taken from an empty document parsed once at load (a constant).
 */
const SHARED_OPTIONS: Document.Parsed['options'] = (() => {
  const { _directives: _, ...rest } = parseDocument('', { ...PARSE_OPTIONS, schema: KUBECTL_SCHEMA }).options as Document.Parsed['options'] & { _directives?: unknown };
  return Object.freeze(rest) as Document.Parsed['options'];
})();

function shareOptions(yamlDoc: Document.Parsed): void {
  if (yamlDoc.schema === KUBECTL_SCHEMA) yamlDoc.options = SHARED_OPTIONS;
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

function parseChunk(uri: string, text: string, start: number, index: number, interner: ParseInterner): ManifestDoc {
  // No keepSourceTokens: nothing reads the CST, and keeping it costs memory per node.
  const options = YAML_DIRECTIVE.test(text) ? PARSE_OPTIONS : { ...PARSE_OPTIONS, schema: KUBECTL_SCHEMA };
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
  // One walk: shared strings and ranges, YAML 1.1 readings, mapping findings.
  const walked = walkParsed(yamlDoc.contents, interner, yamlDoc.schema === KUBECTL_SCHEMA);
  const problems: YamlProblem[] = [...invisible, ...lenientQuotes.map((q) => ({
    start: q,
    end: q + 2,
    message: 'Continuation lines of this quoted value are not indented past its key: YAML 1.2 rejects this, kubectl accepts it.',
    severity: 'warning' as const,
    code: 'yaml-indentation',
  }))];
  for (const p of walked.yaml11) problems.push(p);
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
    mapFindings: walked.mapFindings,
    cache: new DocCache(),
  };
  const found = documentResources(doc);
  (doc as { isKubernetes: boolean }).isKubernetes = found.isKubernetes;
  resources.push(...found.resources);
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
    readonly text: string | TextBuffer,
    readonly version = 0,
    previous?: SourceFile,
    /** More reusable documents (the fresh documents of a superseded job). */
    extra: readonly ManifestDoc[] = [],
    /** The workspace's shared strings and ranges; a table of its own (this file only) when omitted. */
    private readonly interner: ParseInterner = new ParseInterner(),
  ) {
    // An edited buffer against the previous one compares only the pieces that differ (no flat copies).
    const change = !previous ? undefined : text instanceof TextBuffer && previous.buffer ? text.changeFrom(previous.buffer) : diffText(previous.text, flatText(text));
    // A keystroke re-scans only the documents around the change for markers.
    this.chunks = previous && change ? splitDocumentsEdited(previous.docs.map((d) => [d.start, d.start + d.text.length] as const), text, change) : splitDocuments(flatText(text));
    this.slots = new Array<ManifestDoc | undefined>(this.chunks.length).fill(undefined);
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
      const doc = parseChunk(this.uri, this.text.slice(s, e), s, i, this.interner);
      this.slots[i] = doc;
      this.fresh.push(doc);
      if (Date.now() >= deadline) return this.next >= this.chunks.length;
    }
    return true;
  }

  /** The parsed file; call once step() has returned true. */
  finish(): SourceFile {
    const docs = this.slots.map((doc, i) => {
      const d = doc ?? parseChunk(this.uri, this.text.slice(this.chunks[i][0], this.chunks[i][1]), this.chunks[i][0], i, this.interner);
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
    const isTemplate = looksLikeTemplate(text, docs);
    if (typeof text === 'string') return { uri: this.uri, text, version: this.version, lines, docs, isTemplate };
    return bufferFile(this.uri, text, this.version, lines, docs, isTemplate);
  }
}

/**
 * A SourceFile whose text is built from its buffer when read. A function of its
 * own: a getter created inside FileParse.finish would share finish's closure
 * context, which holds the job, whose line-index thunk holds the previous
 * version: every version of the file would stay alive (measured: +26 MB of
 * heap over 200 keystrokes in the bench's 1,000-document file).
 */
function bufferFile(uri: string, buffer: TextBuffer, version: number, lines: LineIndex, docs: ManifestDoc[], isTemplate: boolean): SourceFile {
  return {
    uri,
    get text() {
      return buffer.toString();
    },
    buffer,
    version,
    lines,
    docs,
    isTemplate,
  };
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
 * `interner`: the workspace's (Workspace.interner) to share strings with its other files.
 */
export function parseFile(uri: string, text: string, version = 0, previous?: SourceFile, interner?: ParseInterner): SourceFile {
  const job = new FileParse(uri, text, version, previous, [], interner);
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
