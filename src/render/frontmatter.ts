// Writes an agent's frontmatter. With the YAML the file had, the frontmatter
// is edited, not regenerated: a field whose value did not change is written
// as its own source text (comments, quoting, `0x1F`, `1.10`, big integers and
// tagged values as they were), a changed value is edited in place in the
// YAML document (keeping the node's style and comments), and only a new
// field is written fresh. Without that YAML (a merge, a field the lenient
// reader recovered) the fields are written as canonical YAML.
import { isDeepStrictEqual } from 'node:util'
import { Document, isAlias, isMap, isScalar, isSeq, Pair, parseDocument, Scalar, visit, YAMLMap, type Node } from 'yaml'
import { dialect } from '../dialects/index.js'
import type { AgentMeta, Dialect, MetaField } from '../model.js'
import { heldLines, splitEntries, YAML_OPTIONS } from '../parse/frontmatter.js'
import { respell, splitToolList } from '../normalize/tools.js'


/** What to change besides the values: the canonical key order and the tools' spelling (both on by default). */
export interface RenderFieldsOptions {
  /** The frontmatter's YAML text as the file had it (between the fences). */
  source?: string
  order?: boolean
  respell?: boolean
}

/** Fields in canonical order: known ones by the dialect's order, the rest as written. */
export function orderFields(fields: MetaField[], id: Dialect): MetaField[] {
  const order = dialect(id).fields
  const rank = (key: string) => {
    const i = order.indexOf(key)
    return i === -1 ? order.length : i
  }
  return fields.map((field, index) => ({ field, index })).sort((a, b) => rank(a.field.key) - rank(b.field.key) || a.index - b.index).map((x) => x.field)
}

/** A `tools` value with each name in the dialect's spelling, in the form it was written. */
export function respellTools(value: unknown, id: Dialect): unknown {
  if (typeof value === 'string') {
    return splitToolList(value).map((n) => respell(n, id)).join(', ')
  }
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? respell(v, id) : v))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [respell(k, id), v]))
  }
  return value
}

function node(doc: Document, value: unknown): Node {
  const created = doc.createNode(value) as Node
  // Short lists of scalars read best inline: `tools: [Read, Grep]`.
  if (isSeq(created) && created.items.every((item) => item instanceof Scalar)) created.flow = true
  return created
}

const STRINGIFY = { lineWidth: 0, flowCollectionPadding: false } as const

const isPlain = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype

/** The node changed to hold `value`, keeping its style, its comments and every part that did not change. */
function edit(doc: Document, old: unknown, value: unknown): Node {
  if (isScalar(old) && (value === null || ['string', 'number', 'boolean'].includes(typeof value)) && typeof old.value === typeof value) {
    old.value = value
    return old
  }
  if (isSeq(old) && Array.isArray(value)) {
    old.items = value.map((v, i) => (i < old.items.length ? edit(doc, old.items[i], v) : node(doc, v)))
    return old
  }
  if (isMap(old) && isPlain(value)) {
    const entries = Object.entries(value)
    const byKey = new Map(old.items.map((p) => [keyOf(p), p]))
    const renamed = entries.length === old.items.length && entries.every(([k], i) => !byKey.has(k) || keyOf(old.items[i]!) === k)
    old.items = entries.map(([k, v], i) => {
      const pair = byKey.get(k) ?? (renamed ? old.items[i] : undefined)
      if (!pair) return new Pair(new Scalar(k), node(doc, v))
      // One rule for every key of a changed map, new or kept: quoted only where YAML needs it (`"*"`); comments stay.
      if (isScalar(pair.key)) pair.key = Object.assign(new Scalar(k), { commentBefore: pair.key.commentBefore, spaceBefore: pair.key.spaceBefore, comment: pair.key.comment })
      pair.value = edit(doc, pair.value, v)
      return pair
    })
    return old
  }
  const created = node(doc, value)
  const from = old as { comment?: string | null; commentBefore?: string | null } | null
  if (from?.comment) created.comment = from.comment
  if (from?.commentBefore) created.commentBefore = from.commentBefore
  return created
}

/**
 * One top-level entry of the source: its text (the comments before it
 * included), and the document, pair and value it reads as; no pair for an
 * entry only the lenient reader could take.
 */
interface Entry {
  doc: Document
  pair?: Pair
  value?: unknown
  text: string
}

/** The source split into entries, with the text before the first key (`head`) and after the last value (`tail`) apart. */
interface Split {
  head: string
  entries: Map<string, Entry>
  tail: string
  /**
   * Whether moved text must be checked: when it has aliases. Without them an
   * entry's text means what it meant where it was (entries read one by one
   * each parsed as one mapping entry at column 0).
   */
  check: boolean
}

const keyOf = (pair: Pair): string => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key))

/** Whether a document holds an alias (moved text may then mean something else). */
function hasAlias(doc: Document): boolean {
  let found = false
  visit(doc, { Alias: () => ((found = true), visit.BREAK) })
  return found
}

function valueOf(doc: Document, pair: Pair): unknown {
  try {
    return (pair.value as { toJS?: (d: Document, o: object) => unknown } | null)?.toJS?.(doc, { maxAliasCount: 100 }) ?? null
  } catch {
    return undefined
  }
}

/** Splits valid YAML by its keys' lines; undefined for a flow mapping or two keys on one line. */
function splitDocument(source: string, doc: Document): Split | undefined {
  if (!isMap(doc.contents) || doc.contents.flow) return undefined
  const items = doc.contents.items as Pair[]
  const lineStart = (offset: number) => source.lastIndexOf('\n', offset - 1) + 1
  const starts: number[] = []
  for (const pair of items) {
    const range = (pair.key as { range?: [number, number, number] } | null)?.range
    if (!range) return undefined
    const start = lineStart(range[0])
    if (starts.length > 0 && start <= starts[starts.length - 1]!) return undefined
    starts.push(start)
  }
  if (starts.length === 0) return undefined
  // The comments and blank lines after a value, up to the next key, belong to that key.
  const cut = items.map((pair, i) => {
    const next = i + 1 < items.length ? starts[i + 1]! : source.length
    const ranged = (pair.value ?? pair.key) as { range?: [number, number, number] } | null
    const end = Math.max(ranged?.range?.[1] ?? next, starts[i]! + 1)
    const eol = source.indexOf('\n', end - 1)
    return Math.min(next, eol === -1 ? source.length : eol + 1)
  })
  const entries = new Map<string, Entry>()
  items.forEach((pair, i) => {
    entries.set(keyOf(pair), { doc, pair, value: valueOf(doc, pair), text: source.slice(i === 0 ? starts[0]! : cut[i - 1]!, cut[i]) })
  })
  return { head: source.slice(0, starts[0]), entries, tail: source.slice(cut[cut.length - 1]), check: hasAlias(doc) }
}

/**
 * Splits YAML that does not parse as a whole (a description holding `: `)
 * by its top-level key lines (parse/frontmatter.ts), each entry read on its
 * own; undefined when a line fits no entry.
 */
function splitLines(source: string): Split | undefined {
  const split = splitEntries(source)
  if (!split || split.entries.length === 0) return undefined
  const entries = new Map<string, Entry>()
  let aliases = false
  split.entries.forEach((e, i) => {
    const doc = parseDocument(e.text, YAML_OPTIONS)
    const pair = doc.errors.length === 0 && isMap(doc.contents) && doc.contents.items.length === 1 ? (doc.contents.items[0] as Pair) : undefined
    // The comments before the first key are the head's.
    const text = i === 0 ? e.text : e.before + e.text
    entries.set(e.key, pair ? { doc, pair, value: valueOf(doc, pair), text } : { doc, text })
    if (pair) aliases ||= hasAlias(doc)
  })
  return { head: split.entries[0]!.before, entries, tail: split.tail, check: aliases }
}

function splitSource(text: string): Split | undefined {
  // The reader takes the text between the fences without its last line
  // break, so a blank last line (spaces) comes without one; no value holds
  // it (a kept block scalar, `|+`, reads a line only with its break), and
  // written back with its break it would be one line more on every write.
  const source = text.replace(/(^|\n)[ \t]+$/, '$1')
  const doc = parseDocument(source, { ...YAML_OPTIONS, uniqueKeys: true })
  return doc.errors.length === 0 ? splitDocument(source, doc) : splitLines(source)
}

/** The YAML text of one pair, edited or new, after the comments the source had before its key. */
function pairText(key: string, value: unknown, entry: Entry | undefined): string {
  const out = new Document()
  const map = new YAMLMap()
  const before = entry ? entry.text.slice(0, Math.max(0, entry.text.search(/^[^\s#]/m))) : ''
  if (entry?.pair) {
    const pair = new Pair(entry.pair.key, edit(entry.doc, entry.pair.value, value))
    if (isScalar(pair.key)) {
      pair.key.commentBefore = null
      pair.key.spaceBefore = false
    }
    map.items.push(pair)
  } else map.items.push(new Pair(new Scalar(key), node(out, value)))
  out.contents = map
  return before + out.toString(STRINGIFY)
}

/**
 * The lines of a top-level field as a frontmatter's YAML text has them (its
 * inline comment included; comment lines after it go with the next key),
 * when they read as `value`; undefined otherwise. The text is parsed once,
 * then asked for each field. The merge driver writes each side of a field
 * conflict so, as its file has it.
 */
export function fieldTexts(source: string): (key: string, value: unknown) => string | undefined {
  const entries = splitSource(source)?.entries
  return (key, value) => {
    const entry = entries?.get(key)
    if (!entry?.pair || entry.value === undefined || !isDeepStrictEqual(entry.value, value)) return undefined
    return entry.text.endsWith('\n') ? entry.text : entry.text + '\n'
  }
}

/**
 * A frontmatter's YAML text with some top-level fields' lines (each with
 * the comment lines before its key) replaced by the given text, and the
 * given fields it lacks added after its last field, the rest as written;
 * undefined when the text cannot be split by its keys. The merge driver
 * puts a field conflict's placeholder so (a field one side deleted
 * included), keeping every other line and comment of the merged text.
 */
export function replaceFieldTexts(source: string, texts: ReadonlyMap<string, string>): string | undefined {
  const split = splitSource(source)
  if (!split) return undefined
  const added = [...texts].filter(([key]) => !split.entries.has(key)).map(([, text]) => text)
  const entries = [...split.entries].map(([key, e]) => texts.get(key) ?? e.text)
  // The last entry may end without a line break (the text between the fences does).
  if (added.length > 0 && entries.length > 0 && !entries[entries.length - 1]!.endsWith('\n')) entries[entries.length - 1] += '\n'
  return split.head + [...entries, ...added].join('') + split.tail
}

/** The YAML text of fields (without fences, with a final newline), or '' when there are none. */
export function renderFields(fields: MetaField[], id: Dialect, options: RenderFieldsOptions = {}): string {
  if (fields.length === 0) return ''
  const ordered = options.order === false ? fields : orderFields(fields, id)
  const valueOf = (field: MetaField) => (field.key === 'tools' && options.respell !== false ? respellTools(field.value, id) : field.value)
  const split = options.source === undefined ? undefined : splitSource(options.source)
  if (split) {
    // Text kept as written can hold what only made sense where it was (an
    // alias before its anchor, or of an anchor whose value changed): then the
    // fields keep the order they came in, then a field holding an alias is
    // written with its value, and failing that they are all written as
    // canonical YAML.
    for (const resolve of split.check ? [false, true] : [false]) {
      for (const order of ordered === fields ? [fields] : [ordered, fields]) {
        const text = editedText(split, order, valueOf, resolve)
        if (!split.check || readsAs(text, order, valueOf)) return text
      }
    }
  }
  const doc = new Document()
  const map = new YAMLMap()
  for (const field of split ? fields : ordered) map.items.push(new Pair(new Scalar(field.key), node(doc, valueOf(field))))
  doc.contents = map
  return doc.toString(STRINGIFY)
}

/**
 * YAML text as it goes between the fences. The reader takes the text without
 * the line break before the closing fence, which is no loss unless the last
 * line is blank: that blank line (part of a kept block scalar's value, `|+`)
 * would be lost, so it gets one more. Only text written between fences
 * takes it (the merge driver writes one field between conflict markers).
 */
export function fenceable(text: string): string {
  return /(?:^|\n)[ \t]*\n$/.test(text) ? text + '\n' : text
}

/** The source's text with each field written as its own entry when its value did not change, edited or new otherwise. */
function editedText(split: Split, fields: MetaField[], valueOf: (field: MetaField) => unknown, resolve = false): string {
  let text = split.head
  let previous = ''
  for (const field of fields) {
    const value = valueOf(field)
    const entry = split.entries.get(field.key)
    const kept = entry?.pair && entry.value !== undefined && isDeepStrictEqual(entry.value, value) && !(resolve && holdsAlias(entry.pair))
    const piece = kept ? entry.text : pairText(field.key, value, entry)
    previous = withoutHeldBlanks(previous, piece.endsWith('\n') ? piece : piece + '\n')
    text += previous
  }
  return text + withoutHeldBlanks(previous, split.tail.endsWith('\n') || split.tail === '' ? split.tail : split.tail + '\n')
}

/**
 * `piece` without the blank lines it opens with when the entry before it
 * would take them into its value (a kept block scalar, `|+`, that the new
 * order put there).
 */
function withoutHeldBlanks(previous: string, piece: string): string {
  const blank = /^(?:[ \t]*\n)+/.exec(piece)?.[0]
  return blank !== undefined && previous !== '' && heldLines(previous, blank) !== '' ? piece.slice(blank.length) : piece
}

/** Whether a pair's value holds an alias. */
function holdsAlias(pair: Pair): boolean {
  if (isAlias(pair.value)) return true
  let found = false
  if (pair.value) visit(pair.value as Node, { Alias: () => ((found = true), visit.BREAK) })
  return found
}

/** Whether YAML text parses, aliases resolved, to the values of the fields. */
function readsAs(text: string, fields: MetaField[], valueOf: (field: MetaField) => unknown): boolean {
  const doc = parseDocument(text, YAML_OPTIONS)
  if (doc.errors.length > 0) return false
  try {
    const read = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown> | null
    return fields.every((f) => read !== null && typeof read === 'object' && isDeepStrictEqual(read[f.key], valueOf(f)))
  } catch {
    return false
  }
}

export function renderFrontmatter(meta: AgentMeta): string {
  return fenceable(renderFields(meta.fields, meta.dialect, meta.yaml === undefined ? {} : { source: meta.yaml }))
}
