// Reads the YAML of a frontmatter block into ordered fields with their file
// lines. Strict YAML first, with alias expansion bounded (a billion-laughs
// block is an error, not a hang); when strict YAML fails on what agent tools
// still accept (an unquoted description holding `: `), each top-level field is
// read on its own and a value that is not YAML is kept as its plain text.
// An alias inside the value it names (a recursive value) is refused here, so
// no later stage meets a cyclic value; what the yaml library only warns of (an
// unknown tag) becomes a warning with the file's line, never the library's
// own print to stderr.
import { isAlias, isMap, LineCounter, parseDocument, visit, type Document, type Node, type ParseOptions, type DocumentOptions } from 'yaml'
import { AgentError, warning } from '../errors.js'
import type { Diagnostic, MetaField } from '../model.js'

export interface Frontmatter {
  fields: MetaField[]
  warnings: Diagnostic[]
}

const MAX_ALIASES = 100

/**
 * Options for every parse of frontmatter YAML: the yaml library prints its
 * warnings itself (process.emitWarning) at its default log level, with the
 * line in the YAML rather than the file and no file name.
 */
export const YAML_OPTIONS: ParseOptions & DocumentOptions = { logLevel: 'error' }

interface Located {
  code: string
  message: string
  line: number
  column?: number
}

/** Parses one YAML document; `lineOffset` is the file line before its first line. */
function strict(source: string, lineOffset: number, path: string): Frontmatter | { error: Located } {
  const lineCounter = new LineCounter()
  const doc = parseDocument(source, { ...YAML_OPTIONS, lineCounter, uniqueKeys: true, prettyErrors: false })
  const first = doc.errors[0]
  if (first?.code === 'DUPLICATE_KEY') return { error: duplicateKey(source, lineOffset, path) }
  const tab = first && tabIndent(source, doc, lineCounter, lineOffset)
  if (tab) return { error: tab }
  if (first) {
    // Where the error is, from its offset (an error found at the end of the
    // text, such as an unclosed `[`, is placed on the last line written).
    const pos = first.linePos?.[0] ?? lineCounter.linePos(Math.max(0, Math.min(first.pos[0], source.trimEnd().length - 1)))
    const message = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '')
    return { error: { code: first.code, message, line: lineOffset + (pos?.line ?? 1), column: pos?.col } }
  }
  const fields = fieldsOf(source, doc, lineCounter, lineOffset, path)
  return { fields, warnings: yamlWarnings(doc, lineCounter, lineOffset, path, fields) }
}

/**
 * What the yaml library read but warned of, as warnings at the file's line
 * (in the field it falls in): an unknown tag (`!local thing`) is read as if
 * it were not there.
 */
function yamlWarnings(doc: Document, lineCounter: LineCounter, lineOffset: number, path: string, fields: MetaField[]): Diagnostic[] {
  return doc.warnings.map((w) => {
    const line = lineOffset + lineCounter.linePos(w.pos[0]).line
    const field = fields.filter((f) => f.line <= line).pop()
    const where = field ? `frontmatter field '${field.key}'` : 'frontmatter'
    const said = w.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '')
    const tag = /^Unresolved tag: (.*)$/.exec(said)
    const message = w.code === 'TAG_RESOLVE_FAILED' && tag ? `unknown YAML tag ${tag[1]} in ${where}; its value is read as if untagged` : `YAML in ${where}: ${said}`
    return warning(w.code === 'TAG_RESOLVE_FAILED' ? 'yaml-unknown-tag' : 'yaml-warning', message, path, line)
  })
}

/**
 * The first line of YAML that failed to parse whose indentation holds a tab:
 * YAML indents with spaces only, and the yaml library reads what a tab
 * indents as something else (a `tools` list as one plain string). A tab is
 * text inside a quoted or block scalar, and separation after the spaces that
 * indent a line; those lines parse, and are not named here. The lines named
 * are of two kinds: one the yaml library rejects for a tab as indentation,
 * and one that starts with a tab and is not blank or a comment, which no
 * value of a frontmatter mapping can hold (a value's lines are indented by
 * spaces).
 */
function tabIndent(source: string, doc: Document, lineCounter: LineCounter, lineOffset: number): Located | undefined {
  const places: { line: number; col: number }[] = []
  for (const error of doc.errors) if (error.code === 'TAB_AS_INDENT') places.push(lineCounter.linePos(error.pos[0]))
  const tabbed = source.split('\n').findIndex((text) => text.startsWith('\t') && !/^\s*(#|$)/.test(text))
  if (tabbed !== -1) places.push({ line: tabbed + 1, col: 1 })
  const at = places.sort((a, b) => a.line - b.line || a.col - b.col)[0]
  if (!at) return undefined
  const field = splitEntries(source)?.entries.filter((entry) => entry.line < at.line).pop()
  const where = field ? `frontmatter field '${field.key}'` : 'frontmatter'
  return { code: 'TAB_AS_INDENT', message: `tab used for indentation in ${where}; YAML indents with spaces only`, line: lineOffset + at.line, column: at.col }
}

/** Names the second occurrence of a repeated key; yaml points at the first. */
function duplicateKey(source: string, lineOffset: number, path: string): Located {
  const lineCounter = new LineCounter()
  const doc = parseDocument(source, { ...YAML_OPTIONS, lineCounter, uniqueKeys: false })
  const seen = new Map<string, number>()
  for (const field of fieldsOf(source, doc, lineCounter, lineOffset, path)) {
    const earlier = seen.get(field.key)
    if (earlier !== undefined) return { code: 'DUPLICATE_KEY', message: `duplicate frontmatter key '${field.key}' (first at line ${earlier})`, line: field.line }
    seen.set(field.key, field.line)
  }
  return { code: 'DUPLICATE_KEY', message: 'duplicate frontmatter key', line: lineOffset + 1 }
}

function fieldsOf(source: string, doc: Document, lineCounter: LineCounter, lineOffset: number, path: string): MetaField[] {
  const contents = doc.contents
  if (contents === null || contents === undefined) return []
  if (!isMap(contents)) {
    const line = lineOffset + lineCounter.linePos(contents.range?.[0] ?? 0).line
    throw new AgentError('frontmatter-not-mapping', 'frontmatter is not a mapping of keys to values', path, line)
  }
  // Every alias is written `*name`: a text without a `*` has none to check.
  if (source.includes('*')) checkAliases(doc, lineCounter, lineOffset, path)
  const fields: MetaField[] = []
  for (const pair of contents.items) {
    const keyNode = pair.key as { value?: unknown; range?: [number, number, number] } | null
    const key = String(keyNode && typeof keyNode === 'object' && 'value' in keyNode ? keyNode.value : keyNode)
    const line = lineOffset + lineCounter.linePos(keyNode?.range?.[0] ?? 0).line
    let value: unknown = null
    const node = pair.value as { toJS?: (doc: Document, options: object) => unknown } | null
    if (node && typeof node.toJS === 'function') {
      try {
        value = node.toJS(doc, { maxAliasCount: MAX_ALIASES })
      } catch (error) {
        throw new AgentError('yaml-aliases', `frontmatter field '${key}' expands too many YAML aliases (${(error as Error).message.split('\n')[0]})`, path, line)
      }
    }
    fields.push({ key, value, line })
  }
  return fields
}

/**
 * Refuses, at the alias, the first alias with no anchor of its name before
 * it (`*b` where only `&a` is set: yaml reports it only when the value is
 * read, and the bound on alias expansion would then misname it) and the
 * first alias inside the value its anchor names (`&a [*a]`: yaml reads it
 * as a value that holds itself, with no error or warning, and every walk
 * over values, equality and JSON included, would follow it forever). One
 * pass in document order, where an alias names the last anchor of its name
 * before it, as in yaml's own resolution. yaml's own error for an unknown
 * alias comes only when the value is read, without its place, and it has
 * none for a recursive one: hence this walk, over a text with an alias only.
 */
function checkAliases(doc: Document, lineCounter: LineCounter, lineOffset: number, path: string): void {
  const anchors = new Map<string, Node>()
  visit(doc, {
    Node(_, node, ancestors) {
      if (!isAlias(node)) {
        if (node.anchor) anchors.set(node.anchor, node)
        return
      }
      const target = anchors.get(node.source)
      if (target !== undefined && !ancestors.includes(target)) return
      const at = lineCounter.linePos(node.range?.[0] ?? 0)
      if (target === undefined) throw new AgentError('yaml-alias-unknown', `unknown YAML alias *${node.source}: no anchor &${node.source} before it`, path, lineOffset + at.line, at.col)
      throw new AgentError('yaml-alias-recursive', `recursive YAML alias *${node.source}: it stands inside the value &${node.source} names, which would then hold itself`, path, lineOffset + at.line, at.col)
    },
  })
}

/**
 * One top-level entry of a block mapping: its key, its file line, the blank
 * and comment lines before it, and its text (the key's line, the lines that
 * continue it and the blank lines its value keeps, with newlines).
 */
export interface YamlEntry {
  key: string
  line: number
  before: string
  text: string
}

/** A top-level key at column 0. */
const ENTRY_START = /^([^\s#'"\-?:[{][^:]*?):(?:[ \t\n]|$)/

/**
 * YAML split by its top-level key lines, each entry with the indented lines
 * that continue it; blank and comment lines go with the line after them
 * (`tail`: those after the last entry), except the lines right after an
 * entry that its value holds (the blank lines of a kept block scalar, `|+`,
 * or a block scalar's last line that starts with `#`). Undefined when a
 * line fits no entry. For YAML that does not parse as a whole: the lenient
 * reader reads each entry on its own, and the frontmatter writer moves them.
 */
export function splitEntries(source: string, lineOffset = 0): { entries: YamlEntry[]; tail: string } | undefined {
  const entries: YamlEntry[] = []
  let pending = ''
  let line = lineOffset
  const close = () => {
    const last = entries[entries.length - 1]
    if (!last) return
    const kept = heldLines(last.text, pending)
    last.text += kept
    pending = pending.slice(kept.length)
  }
  for (const text of source.split(/(?<=\n)/)) {
    line++
    const start = ENTRY_START.exec(text)
    const last = entries[entries.length - 1]
    if (start) {
      close()
      entries.push({ key: start[1]!.trim(), line, before: pending, text })
      pending = ''
    } else if (text.trim() === '' || text.trimStart().startsWith('#')) pending += text
    else if (/^[ \t]/.test(text) && last) {
      last.text += pending + text
      pending = ''
    } else return undefined
  }
  close()
  return { entries, tail: pending }
}

/**
 * The part of `after` (blank and comment lines put after an entry's text)
 * that the entry's value holds: YAML decides, by where the value read with
 * them ends; '' when the entry does not read on its own.
 */
export function heldLines(text: string, after: string): string {
  if (after === '') return ''
  const doc = parseDocument(text + after, YAML_OPTIONS)
  const map = doc.contents
  if (doc.errors.length > 0 || !isMap(map) || map.items.length !== 1) return ''
  const end = (map.items[0]!.value as { range?: [number, number, number] } | null)?.range?.[1] ?? 0
  if (end <= text.length) return ''
  // Whole lines: a value that ends inside one holds the line.
  const eol = after.indexOf('\n', end - text.length - 1)
  return after.slice(0, eol === -1 ? after.length : eol + 1)
}

// A value that YAML rejected but that reads as prose: no quote, flow
// collection, block scalar, anchor, alias or tag at its start.
function plainValue(entry: YamlEntry): string | undefined {
  const lines = entry.text.split('\n')
  const first = lines[0]!.slice(lines[0]!.indexOf(':') + 1).trim()
  if (/^['"[{|>&*!%@`]/.test(first)) return undefined
  const rest = lines.slice(1).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'))
  return [first, ...rest].join(' ').trim()
}

function lenient(source: string, lineOffset: number, path: string, failure: Located): Frontmatter | undefined {
  const split = splitEntries(source, lineOffset)
  if (!split || split.entries.length === 0) return undefined
  const { entries } = split
  const fields: MetaField[] = []
  const warnings: Diagnostic[] = []
  const seen = new Set<string>()
  for (const entry of entries) {
    if (seen.has(entry.key)) return undefined
    seen.add(entry.key)
    let attempt: ReturnType<typeof strict>
    try {
      attempt = strict(entry.text, entry.line - 1, path)
    } catch (error) {
      // Read field by field, an alias cannot reach an anchor in another field: say that, not that the anchor is missing.
      if (!(error instanceof AgentError) || error.code !== 'yaml-alias-unknown') throw error
      throw new AgentError('yaml-alias-unknown', `YAML alias in frontmatter field '${entry.key}' cannot be read: the frontmatter does not parse as a whole (${failure.message.replace(/\.$/, '')}), and read field by field an alias cannot refer to another field`, path, error.line, error.column)
    }
    if ('fields' in attempt && attempt.fields.length === 1) {
      fields.push(attempt.fields[0]!)
      warnings.push(...attempt.warnings)
      continue
    }
    const value = plainValue(entry)
    if (value === undefined) return undefined
    fields.push({ key: entry.key, value, line: entry.line })
    warnings.push(warning('yaml-lenient', `'${entry.key}' is not valid YAML (${failure.message.replace(/\.$/, '')}); read as plain text`, path, entry.line))
  }
  return { fields, warnings }
}

/** The YAML errors that carry a message of their own, by the code each is thrown with. */
const OWN_MESSAGE: ReadonlyMap<string, string> = new Map([
  ['DUPLICATE_KEY', 'yaml-duplicate-key'],
  ['TAB_AS_INDENT', 'yaml-tab-indent'],
])

/** Reads a frontmatter block's YAML; `lineOffset` is the line of its opening fence. */
export function parseFrontmatter(source: string, lineOffset: number, path: string): Frontmatter {
  const result = strict(source, lineOffset, path)
  if ('fields' in result) return result
  const { error } = result
  // Duplicate keys, tabs as indentation and alias trouble are not a matter
  // of leniency: the text read as plain would not be what the author meant.
  const own = OWN_MESSAGE.get(error.code)
  if (!own && !/alias/i.test(error.message)) {
    const recovered = lenient(source, lineOffset, path, error)
    if (recovered) return recovered
  }
  throw new AgentError(own ?? 'yaml-invalid', own ? error.message : `invalid frontmatter YAML: ${error.message}`, path, error.line, error.column)
}
