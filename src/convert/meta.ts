// Frontmatter from one dialect to another: each field in the target's own
// name and spelling, and a warning for every field the target cannot say.
// Nothing is dropped silently: a field is mapped, kept (a field no dialect
// defines, when the target ignores unknown fields), or dropped with a
// warning. The facts of each dialect come from the registry (src/dialects);
// this is only the engine that carries them across.
import { warning } from '../errors.js'
import { byCodeUnits } from '../order.js'
import { dialect, dialects, fieldsOf, knownField, nameFromPath, readModel, toolNames, type DialectSpec, type Fact, type Grant } from '../dialects/index.js'
import type { AgentMeta, Diagnostic, Dialect, MetaField } from '../model.js'


export interface ConvertOptions {
  /** Path of the source, for warnings (default `-`). */
  path?: string
  /**
   * The base name the output file will have, for dialects that name an
   * agent after its file (OpenCode). Default: the source's base name.
   */
  fileName?: string
}

export interface ConvertResult {
  /** The target's frontmatter fields (render with `renderFields(fields, to)`). */
  fields: MetaField[]
  /** One warning per field or tool that could not be said exactly, with the source line. */
  warnings: Diagnostic[]
}

const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'an' : 'a')

const show = (value: unknown): string => {
  const s = typeof value === 'string' ? value : JSON.stringify(value)
  return s.length > 40 ? s.slice(0, 37) + '...' : s
}

/** The conversion in progress: the fields written so far and the warnings. */
class Out {
  readonly fields = new Map<string, MetaField>()
  readonly warnings: Diagnostic[] = []
  constructor(readonly path: string, readonly target: DialectSpec) {}
  set(key: string, value: unknown, line: number): void {
    if (!this.fields.has(key)) this.fields.set(key, { key, value, line })
  }
  note(line: number, message: string, code = 'convert-dropped'): void {
    // One tool note can stand for several grants (OpenCode's `edit` for five tools): said once.
    if (this.warnings.some((w) => w.message === message && w.line === (line || undefined))) return
    this.warnings.push(warning(code, message, this.path, line || undefined))
  }
  drop(field: MetaField, why = `${this.target.title} has no such field`): void {
    this.note(field.line, `field '${field.key}' (${show(field.value)}): ${why}; dropped`)
  }
}

/** The facts a field states: its own dialect's reading first, then any dialect that has the field. */
function factsOf(field: MetaField, from: DialectSpec): Fact[] | undefined {
  const own = from.readFact?.(field.key, field.value)
  if (own) return own
  for (const d of dialects()) {
    const facts = d !== from ? d.readFact?.(field.key, field.value) : undefined
    if (facts) return facts
  }
  return undefined
}

function convertName(meta: AgentMeta, out: Out, options: ConvertOptions, firstLine: number): void {
  const nameField = meta.fields.find((f) => f.key === 'name')
  const to = out.target
  if (to.name) {
    const { value, note } = to.name(meta.name)
    out.set('name', value, nameField?.line ?? firstLine)
    if (note && nameField) out.note(nameField.line, note, 'convert-changed')
  } else if (nameField) {
    const fileName = options.fileName ?? nameFromPath(out.path)
    if (fileName !== meta.name) out.note(nameField.line, `field 'name' (${show(meta.name)}): ${to.title} names an agent after its file; dropped (save the file as ${to.fileName(meta.name)})`)
  }
}

/** A grant or denial of every use of a tool. */
const whole = (g: Grant): boolean => g.kind !== 'tool' || g.args === ''

/**
 * Grants without those of a tool also denied as a whole (`tools: Bash` with
 * `disallowedTools: Bash`): a denial wins. A grant of some uses stays, for the
 * target to judge beside the denial.
 */
function denialsWin(grants: readonly Grant[]): Grant[] {
  const key = (g: Grant) => (g.kind === 'tool' ? g.id : g.kind === 'mcp' ? `${g.server}/${g.tool}` : g.written.trim())
  const denied = new Set(grants.filter((g) => !g.enabled && whole(g)).map(key))
  return grants.filter((g) => !g.enabled || !whole(g) || !denied.has(key(g)))
}

/**
 * Grants that leave unnamed tools on, as an allowlist: every tool the target
 * names granted whole, save those the grants name (a denial stays one, and
 * wins over a grant of the same tool), for a target that cannot deny.
 */
function everyToolBut(grants: readonly Grant[], target: DialectSpec): Grant[] {
  const named = new Set(grants.flatMap((g) => (g.kind === 'tool' ? [g.id] : [])))
  // Canonical tools only: the target's spellings also list its own names for sets of tools (Copilot's `search`).
  const canonical = new Set(toolNames.values())
  const rest = Object.keys(target.tools.spell).filter((id) => canonical.has(id) && !named.has(id) && !Object.hasOwn(target.tools.replaced ?? {}, id))
  return denialsWin([...grants, ...rest.sort(byCodeUnits).map((id): Grant => ({ kind: 'tool', id, args: '', enabled: true, written: id }))])
}

/**
 * `tools`, the dialect's other tool fields (Claude Code's `disallowedTools`,
 * Copilot's `agents`) and its rule fields (OpenCode's `permission`) together:
 * read into grants and what they say of every other tool, then written in the
 * target's fields. An allowlist stays one, even when it ends up empty (left
 * out, it would grant everything).
 */
function convertTools(meta: AgentMeta, from: DialectSpec, out: Out, firstLine: number): void {
  const fieldOf = (key: string) => meta.fields.find((f) => f.key === key)
  const toolFields = [...from.tools.fields, ...(from.tools.ruleFields ?? [])].map(fieldOf).filter((f): f is MetaField => f !== undefined)
  const agentsField = from.tools.agentsField ? fieldOf(from.tools.agentsField) : undefined
  const agents = Array.isArray(agentsField?.value) ? (agentsField.value as unknown[]).map(String) : undefined
  const line = fieldOf('tools')?.line ?? toolFields[0]?.line ?? firstLine
  if (toolFields.length === 0) {
    if (!agentsField) return
    const written = out.target.tools.write([], { agents: agents ?? [] })
    if (written.agentsDropped) out.drop(agentsField, written.agentsDropped)
    for (const [key, value] of written.more ?? []) out.set(key, value, agentsField.line)
    return
  }
  const read = from.tools.read(Object.fromEntries(toolFields.map((f) => [f.key, f.value])), toolNames)
  // A name the source ignores grants nothing: kept only where the target ignores it too (as written, the
  // writer says so), never where the target would read it as a tool (`github/delete_repo`, an MCP tool in Copilot).
  const meansMore = (g: Grant) => g.kind === 'unknown' && g.enabled && out.target.tools.problem(g.written, toolNames)?.ignored !== true
  for (const g of read.grants.filter(meansMore)) out.note(line, `tool '${g.written.trim()}': not ${article(from.title)} ${from.title} tool, so it grants nothing there, and ${out.target.title} would read it as a tool; dropped`, 'convert-tool')
  // Such a name denied is kept, toward less: the target reads it as the tool it denies, which the source did not.
  const deniesMore = new Set(read.grants.filter((g) => g.kind === 'unknown' && !g.enabled && out.target.tools.problem(g.written, toolNames)?.ignored !== true).map((g) => g.written))
  for (const w of deniesMore) out.note(line, `denying '${w.trim()}': not ${article(from.title)} ${from.title} tool, so it denies nothing there, and ${out.target.title} reads it as a tool: kept denied (toward less)`, 'convert-tool')
  const grants = denialsWin(read.grants.filter((g) => !meansMore(g)))
  // One reading in every dialect: fields that leave the tools they do not name on (an OpenCode map without
  // `"*": false`) stay open, written as denials alone; only fields that deny the rest are an allowlist.
  // A target that cannot deny would grant every tool for fields that leave the rest on (no allowlist, or a rule
  // allowing every tool) but deny a tool, or some uses of one: read as the allowlist they name, toward less.
  const narrowed = read.rest !== 'deny' && out.target.tools.cannotDeny === true && grants.some((g) => !g.enabled)
  const allowlist = read.rest === 'deny' || narrowed
  const toWrite = narrowed ? everyToolBut(grants, out.target) : grants
  const written = out.target.tools.write(toWrite, { ...(agents ? { agents } : {}), allowlist })
  // A tool added for the allowlist that the target cannot name alone is one of those the note below says it cannot name.
  const added = new Set(toWrite.filter((g) => !grants.includes(g)).map((g) => g.written))
  written.notes = written.notes.filter((n) => !added.has(n.written) && !deniesMore.has(n.written))
  if (written.tools === undefined && allowlist) written.tools = out.target.tools.none()
  if (written.tools !== undefined) out.set('tools', written.tools, line)
  for (const [key, value] of written.more ?? []) out.set(key, value, fieldOf(key)?.line ?? line)
  const lineOf = (key: string) => fieldOf(key)?.line ?? line
  for (const n of read.notes) out.note(lineOf(n.written), `field '${n.written}': ${n.message}`, 'convert-dropped')
  // The fields named as the file has them: they may be OpenCode's `permission` or Claude Code's `disallowedTools`, not
  // `tools`; tools are turned on by a `tools` field where there is one (a `permission` beside it only denies).
  const one = toolFields.length === 1
  const fields = one ? `field '${toolFields[0]!.key}'` : `fields ${toolFields.map((f) => `'${f.key}'`).join(' and ')}`
  const onBy = toolFields.find((f) => f.key === 'tools') ?? (one ? toolFields[0] : undefined)
  const turnsOn = onBy ? `field '${onBy.key}' turns tools on but leaves on every tool it does` : `${fields} turn tools on but leave on every tool they do`
  // Granting tools without denying the rest looks like an allowlist and is none: said, since it is read as written.
  if (narrowed) out.note(line, `${fields} ${one ? 'leaves' : 'leave'} on every tool ${one ? 'it does' : 'they do'} not name but ${one ? 'denies' : 'deny'} some, and ${out.target.title} cannot deny a tool; written as an allowlist of each tool ${out.target.title} can name alone but those denied: any other tool or MCP server is not granted`, 'convert-changed')
  else if (read.rest === undefined && grants.some((g) => g.enabled && whole(g))) out.note(line, `${turnsOn} not name (no allowlist); written so: every tool it does not deny stays granted`, 'convert-changed')
  for (const n of written.notes) out.note(line, `tool ${n.message}`, 'convert-tool')
  // Nothing written: the rules grant every tool, or deny only what the target cannot deny (each named above).
  const denies = read.rest === 'deny' || grants.some((g) => !g.enabled)
  const nothingWritten = denies ? `none of its tool rules can be written in ${out.target.title} (each is named above)` : 'the rules leave every tool granted; nothing to write'
  for (const rules of (from.tools.ruleFields ?? []).map(fieldOf)) {
    if (!rules) continue
    const into = out.target.tools.fields.filter((key) => out.fields.has(key))
    const said = into.length > 0 ? `its tool rules are written as ${out.target.title}'s ${into.map((k) => `'${k}'`).join(' and ')}` : nothingWritten
    out.note(rules.line, `field '${rules.key}' (${show(rules.value)}): ${said}`, 'convert-changed')
  }
  if (agentsField && written.agentsDropped) out.drop(agentsField, written.agentsDropped)
}

function convertModel(field: MetaField, from: DialectSpec, out: Out): void {
  const values = Array.isArray(field.value) ? field.value.map(String) : field.value === null || field.value === undefined ? [] : [String(field.value)]
  if (values.length === 0) return
  const to = out.target
  const spelled = values.map((v) => to.models.spell(readModel(v, from)))
  if (to.models.list && spelled.length > 1) {
    const list = spelled.filter((s) => s.value !== undefined).map((s) => s.value!)
    for (const s of spelled) if (s.note) out.note(field.line, s.note, 'convert-changed')
    if (list.length > 0) out.set('model', list, field.line)
    return
  }
  const first = spelled[0]!
  if (first.value !== undefined) out.set('model', first.value, field.line)
  if (first.note) out.note(field.line, first.note, first.dropped ? 'convert-dropped' : 'convert-changed')
  if (values.length > 1) out.note(field.line, `model fallbacks ${values.slice(1).map((v) => `'${v}'`).join(', ')}: ${to.title} takes one model; dropped`)
}

/** A field with no dialect-specific meaning: kept under its name where the target has it or ignores unknown fields. */
function convertOther(field: MetaField, out: Out): void {
  const to = out.target
  if (fieldsOf(to).includes(field.key)) out.set(field.key, field.value, field.line)
  else if (knownField(field.key)) out.drop(field)
  else if (!to.unknownFields.keep) out.drop(field, `not ${article(to.title)} ${to.title} field, and ${to.unknownFields.why}`)
  else {
    out.set(field.key, field.value, field.line)
    out.note(field.line, `field '${field.key}' is not ${article(to.title)} ${to.title} field; kept as written (${to.title} ignores it)`, 'convert-kept')
  }
}

/**
 * In the agent's own dialect the fields stay as written, but a tool value
 * every command reads as not granted (`bash: null`) is still a warning, as
 * in a conversion, so that `--strict` fails on it.
 */
function ownToolValues(meta: AgentMeta, from: DialectSpec, out: Out): void {
  const toolFields = [...from.tools.fields, ...(from.tools.ruleFields ?? [])].flatMap((k) => meta.fields.filter((f) => f.key === k))
  if (toolFields.length === 0) return
  const read = from.tools.read(Object.fromEntries(toolFields.map((f) => [f.key, f.value])), toolNames)
  const lineOf = (key: string) => toolFields.find((f) => f.key === key)?.line ?? toolFields[0]!.line
  for (const n of read.notes) if (n.invalid) out.note(lineOf(n.written), `field '${n.written}': ${n.message}`, 'convert-dropped')
}

/**
 * Converts an agent's frontmatter to another dialect. The body of an agent
 * is the same in every dialect; only the frontmatter changes. Converting to
 * the agent's own dialect returns its fields unchanged, with a warning for
 * each tool value read as not granted.
 */
export function convertMeta(meta: AgentMeta, toId: Dialect, options: ConvertOptions = {}): ConvertResult {
  const from = dialect(meta.dialect)
  const to = dialect(toId)
  const out = new Out(options.path ?? '-', to)
  if (from === to) {
    ownToolValues(meta, from, out)
    return { fields: meta.fields.map((f) => ({ ...f })), warnings: out.warnings }
  }
  const firstLine = meta.fields[0]?.line ?? meta.line + 1
  convertName(meta, out, options, firstLine)
  convertTools(meta, from, out, firstLine)
  const handled = new Set(['name', ...from.tools.fields, ...(from.tools.ruleFields ?? []), ...(from.tools.agentsField ? [from.tools.agentsField] : [])])
  for (const field of meta.fields) {
    if (handled.has(field.key)) continue
    if (field.key === 'model') {
      convertModel(field, from, out)
      continue
    }
    const facts = factsOf(field, from)
    if (!facts) {
      convertOther(field, out)
      continue
    }
    for (const fact of facts) {
      const said = to.writeFact(fact)
      for (const [key, value] of said?.set ?? []) out.set(key, value, field.line)
      if (said?.note) out.note(field.line, said.note, 'convert-changed')
      if (said?.warn) out.note(field.line, said.warn)
      if (said?.drop) out.drop(field, said.drop)
    }
  }
  if (!out.fields.has('description') && to.required.includes('description')) {
    out.note(meta.line, `${to.title} requires a description, and this agent has none`, 'convert-missing')
  }
  return { fields: [...out.fields.values()], warnings: out.warnings }
}
