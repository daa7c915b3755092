// Claude Code sub-agents (`.claude/agents/NAME.md`): a required slug `name`
// and `description`, `tools` as a comma string that is an allowlist (with
// `Agent(a, b)` naming the sub-agents it may call and `disallowedTools` for
// denials), model aliases or Anthropic ids, color names. Unknown fields are
// ignored by Claude Code, so they are kept.
import { COLORS, nearestColor } from './colors.js'
import { keptModel } from './models.js'
import { REPLACED_BY, askNotes, sameUseReplacement, deniedWhole, heldByReplacement, lookup, mcpName, pushNew, readAllowlist, spellTool, splitArgs, toolId } from './tools.js'
import type { DialectSpec, Fact, FactWrite, Grant, ReadTools, ToolNames, ToolNote, ToolProblem, WriteToolsOptions, WrittenTools } from './types.js'

const TITLE = 'Claude Code'

/** Old names Claude Code still accepts for a tool it renamed, with the current name (`Task` is the old name of `Agent`). */
const RENAMED: Readonly<Record<string, string>> = { Task: 'Agent' }

/**
 * Claude Code's current tool names (tools reference), and the old names it
 * still accepts (RENAMED); a name outside this list and the MCP form is not
 * a tool Claude Code has.
 */
const TOOLS = [
  'Agent', 'AskUserQuestion', 'Bash', 'BashOutput', 'Edit', 'ExitPlanMode', 'Glob', 'Grep', 'KillShell', 'LSP', 'NotebookEdit', 'Read', 'SendMessage', 'Skill', 'SlashCommand',
  'TaskCreate', 'TaskGet', 'TaskList', 'TaskUpdate', 'TeamCreate', 'TeamDelete', 'TodoWrite', 'WebFetch', 'WebSearch', 'Write', ...Object.keys(RENAMED),
]

/** Old names that current Claude Code no longer has, and the tool that replaced each. */
const OLD = REPLACED_BY

/** A Claude Code agent name: lower-case letters, digits and hyphens. */
function slugName(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'agent'
}

/**
 * The name of a canonical tool, modern names only unless `keepOld`; `old` is
 * the name replaced. An old tool whose replacement grants more (TodoRead)
 * keeps its own name: it grants nothing in current Claude Code, never more.
 */
function toolName(id: string, keepOld = false): { name?: string; old?: string } {
  const modern = keepOld ? undefined : sameUseReplacement(id)
  if (modern) return { name: spellTool(modern, claude)!, old: spellTool(id, claude)! }
  return { name: spellTool(id, claude) }
}

/**
 * An old name granted as its replacement, said once every name is known
 * (beside the replacement granted anyway it grants nothing more: nothing to
 * say). A name that stands for several tools (Copilot's `search`) is said to
 * stand for it too.
 */
function oldNameNote(written: string, old: string, name: string, alone: boolean): ToolNote {
  const what = alone ? `'${written}' is` : `'${written}' stands for ${old} too, which is`
  return { written, message: `${what} not a tool of current Claude Code; granted ${name} instead` }
}

/**
 * `tools` (the allowlist) and `disallowedTools`. A denial is written where it
 * is not implied: every denial without an allowlist, and with one only a
 * denial of some uses (`Bash(rm *)`). A denied tool is written in its own
 * name; an old one (MultiEdit) is not written: current Claude Code has no
 * tool of that name, and denying its replacement covers its use.
 */
function writeTools(grants: Grant[], options: WriteToolsOptions): WrittenTools {
  const notes: ToolNote[] = []
  const names: string[] = []
  const deny: string[] = []
  const allowlist = options.allowlist ?? grants.some((g) => g.enabled)
  const whole = deniedWhole(grants)
  const replaced: Array<{ g: Grant & { kind: 'tool' }; old: string; name: string }> = []
  // Left out silently where its replacement is granted too (REPLACED_BY).
  const held = heldByReplacement(grants, OLD)
  for (const g of grants.filter((x) => x.enabled)) {
    if (!allowlist) {
      // Every tool is granted already; a grant of some uses of a tool denied as a whole cannot be said beside that denial.
      if (g.kind === 'tool' && g.args !== '' && whole.has(g.id)) notes.push({ written: g.written, message: `'${g.written}': Claude Code cannot grant some uses of a tool without a tools allowlist; not granted (${spellTool(g.id, claude) ?? g.id} is denied)` })
      continue
    }
    if (g.kind === 'mcp') pushNew(names, `mcp__${g.server}__${g.tool}`)
    else if (g.kind === 'unknown') {
      notes.push({ written: g.written, message: `'${g.written}' is not a Claude Code tool; kept as written` })
      pushNew(names, g.written)
    } else {
      const { name, old } = toolName(g.id, options.keepOld)
      const wider = !options.keepOld && old === undefined && lookup(OLD, g.id) !== undefined
      if (wider && held.has(g.id)) continue
      if (wider) notes.push({ written: g.written, message: `'${g.written}' is not a tool of current Claude Code, and ${spellTool(OLD[g.id]!, claude)}, which replaced it, grants more; written as ${name}, which grants nothing there` })
      if (name === undefined) notes.push({ written: g.written, message: `'${g.written}' has no Claude Code equivalent; dropped` })
      else {
        if (old) replaced.push({ g, old, name })
        let args = g.args
        if (g.id === 'agent' && args === '' && options.agents && options.agents.length > 0) args = `(${options.agents.join(', ')})`
        pushNew(names, name + args)
      }
    }
  }
  // A name that several grants were read from stands for more than the old tool.
  const alone = (written: string) => grants.filter((x) => x.written === written).length === 1
  for (const r of replaced) if (!held.has(r.g.id)) notes.push(oldNameNote(r.g.written, r.old, r.name, alone(r.g.written)))
  for (const g of grants.filter((x) => !x.enabled)) {
    // An allowlist implies a denial, but of some uses, or of one tool of a server it grants whole.
    if (allowlist && !(g.kind === 'tool' && g.args !== '') && !(g.kind === 'mcp' && names.includes(`mcp__${g.server}__*`))) continue
    if (g.kind === 'mcp') pushNew(deny, `mcp__${g.server}__${g.tool}`)
    else if (g.kind === 'unknown') {
      // Claude Code matches a denial by name: a pattern or a name of another tool denies nothing.
      notes.push({ written: g.written, message: `denying '${g.written}': not a Claude Code tool name; written as is, and it denies only a tool of that exact name` })
      pushNew(deny, g.written)
    }
    // Without an allowlist, some uses of a tool denied whole are denied by its written denial (`Bash` beside `Bash(rm *)`).
    else if (!allowlist && g.args !== '' && whole.has(g.id)) continue
    // A tool current Claude Code no longer has needs no denial (lint flags its name): its replacement's denial covers
    // its use, and without that denial there is nothing of that name to deny.
    else if (lookup(OLD, g.id) !== undefined) {
      if (!whole.has(OLD[g.id]!)) notes.push({ written: g.written, message: `denying '${g.written}': ${spellTool(g.id, claude)} is not a tool of current Claude Code, so there is nothing to deny; left out (${spellTool(OLD[g.id]!, claude)} is not denied)` })
    } else {
      const name = spellTool(g.id + g.args, claude)
      if (name !== undefined) pushNew(deny, name)
    }
  }
  notes.push(...askNotes(grants, TITLE))
  const result: WrittenTools = { notes }
  if (names.length > 0) result.tools = names.join(', ')
  if (deny.length > 0) result.more = [['disallowedTools', deny.join(', ')]]
  const folded = grants.some((g) => g.enabled && g.kind === 'tool' && g.id === 'agent')
  if (options.agents && options.agents.length > 0 && !(folded && allowlist)) {
    result.agentsDropped = 'Claude Code restricts sub-agents with Agent(...) in tools, and this agent has no tools list with the agent tool'
  }
  return result
}

/** `tools` and `disallowedTools`: a tool denied is denied for every use, whatever `tools` grants of it (`Bash(git *)`). */
function readTools(values: Readonly<Record<string, unknown>>, names: ToolNames): ReadTools {
  const read = readAllowlist(values, claude, names, ['disallowedTools'])
  const denied = deniedWhole(read.grants)
  return { ...read, grants: read.grants.filter((g) => !(g.enabled && g.kind === 'tool' && denied.has(g.id))) }
}

/**
 * Claude Code matches tool names exactly: its tools reference calls them "the
 * exact strings you use in permission rules, subagent tool lists, and hook
 * matchers", so `read` or `BASH` names no tool there and is ignored (read as
 * an unknown name: no grant, no denial). Its old names (`MultiEdit`, `LS`),
 * written exactly, are read as their replacements, with lint's warning.
 */
/** Claude Code's names by their lower case, for a name written in another case; built on first use (the dialect's tables are constants). */
let byLowerCase: Map<string, string> | undefined
function casedNames(): Map<string, string> {
  if (!byLowerCase) {
    byLowerCase = new Map()
    for (const t of [...TOOLS, ...Object.values(claude.tools.spell)]) if (!byLowerCase.has(t.toLowerCase())) byLowerCase.set(t.toLowerCase(), t)
  }
  return byLowerCase
}

function toolProblem(written: string, names: ToolNames): ToolProblem | undefined {
  const name = written.trim()
  const base = splitArgs(name).base
  if ((base.startsWith('mcp__') && mcpName(base) !== undefined) || TOOLS.includes(base)) return undefined
  const id = toolId(base, names)
  const spelled = spellTool(id, claude)
  const modern = lookup(OLD, id)
  if (modern && spelled === base) return { message: `tool '${name}' is not a tool of current Claude Code (an old name); use ${spellTool(modern, claude)}`, ignored: false }
  const cased = casedNames().get(base.toLowerCase())
  if (cased) return { message: `tool '${name}' is spelled '${cased}' in Claude Code (tool names are case-sensitive); Claude Code ignores it`, ignored: true, meant: cased }
  if (spelled && TOOLS.includes(spelled)) return { message: `tool '${name}' is not a Claude Code tool (Claude Code's is '${spelled}'); Claude Code ignores it`, ignored: true, meant: spelled }
  return { message: `tool '${name}' is not a Claude Code tool; Claude Code ignores it`, ignored: true }
}

/** `mcpServers`: a list of names or of one-key maps `{name: config}`, or one map. */
function readServers(value: unknown): Fact {
  const servers: Record<string, unknown> = {}
  const named: string[] = []
  const entries = Array.isArray(value) ? value : [value]
  for (const entry of entries) {
    if (entry && typeof entry === 'object') Object.assign(servers, entry)
    else if (entry !== null && entry !== undefined) named.push(String(entry))
  }
  return { kind: 'mcp', key: 'mcpServers', servers, named }
}

function writeFact(fact: Fact): FactWrite | undefined {
  switch (fact.kind) {
    case 'turns':
      return { set: [['maxTurns', fact.value]] }
    case 'color': {
      const v = String(fact.value)
      if (lookup(COLORS, v.toLowerCase())) return { set: [['color', v.toLowerCase()]] }
      const near = nearestColor(v)
      if (near) return { set: [['color', near]], note: `color '${v}' written as '${near}' (Claude Code takes a color name)` }
      return { drop: 'Claude Code does not know this color' }
    }
    case 'mcp':
      if (Object.keys(fact.servers).length === 0 || fact.named.length > 0) return { drop: `${TITLE} cannot read this form` }
      return { set: [['mcpServers', Object.entries(fact.servers).map(([k, v]) => ({ [k]: v }))]] }
    case 'permission-mode':
      return { set: [['permissionMode', fact.value]] }
    case 'invocation':
      if (fact.hidden) return { drop: 'Claude Code cannot hide a sub-agent' }
      if (fact.user === true) return { drop: 'a Claude Code agent is always a sub-agent' }
      // A Claude Code sub-agent is chosen by the main agent: `user: false` is already so.
      if (fact.model === false) return { drop: 'a Claude Code sub-agent is always available to the main agent' }
      return undefined
    case 'disabled':
      return { drop: `${TITLE} has no field that turns an agent off (move the file away instead)` }
  }
}

export const claude: DialectSpec = {
  id: 'claude',
  title: TITLE,
  aliases: ['claude-code', 'claudecode'],
  fields: ['name', 'description', 'tools', 'disallowedTools', 'model', 'permissionMode', 'maxTurns', 'skills', 'mcpServers', 'hooks', 'memory', 'color'],
  moreFields: ['background', 'isolation', 'effort'],
  required: ['name', 'description'],
  withoutRequired: 'skips an agent without it',
  // The default dialect: a file with no sign of another one is Claude Code's.
  ownFields: [],
  folders: ['.claude/agents'],
  fileName: (name) => `${name}.md`,
  name(name) {
    const value = slugName(name)
    const why = 'Claude Code names are lower-case letters, digits and hyphens'
    return value === name ? { value } : { value, note: `name '${name}' written as '${value}' (${why})`, why }
  },
  unknownFields: { keep: true },
  tools: {
    form: 'string',
    fields: ['tools', 'disallowedTools'],
    spell: {
      read: 'Read', write: 'Write', edit: 'Edit', multiedit: 'MultiEdit', bash: 'Bash', grep: 'Grep', glob: 'Glob', list: 'LS',
      webfetch: 'WebFetch', websearch: 'WebSearch', todowrite: 'TodoWrite', todoread: 'TodoRead', agent: 'Agent',
      notebookread: 'NotebookRead', notebookedit: 'NotebookEdit', skill: 'Skill', lsp: 'LSP', bashoutput: 'BashOutput',
      killshell: 'KillShell', slashcommand: 'SlashCommand', exitplanmode: 'ExitPlanMode', taskcreate: 'TaskCreate', taskget: 'TaskGet',
      tasklist: 'TaskList', taskupdate: 'TaskUpdate', sendmessage: 'SendMessage', teamcreate: 'TeamCreate', teamdelete: 'TeamDelete',
    },
    names: TOOLS,
    replaced: OLD,
    renamed: RENAMED,
    read: readTools,
    write: writeTools,
    none: () => [],
    problem: toolProblem,
  },
  models: {
    spell(ref) {
      switch (ref.kind) {
        case 'inherit':
          return { value: 'inherit' }
        case 'alias':
          return { value: ref.family }
        case 'model':
          if (ref.provider === 'anthropic') return { value: ref.id }
          return { dropped: true, note: `model '${ref.written ?? `${ref.provider}/${ref.id}`}' is not an Anthropic model; Claude Code cannot run it (the agent will inherit the session's model)` }
        case 'unknown':
          return keptModel(ref.written)
      }
    },
  },
  readFact(key, value) {
    if (key === 'maxTurns') return [{ kind: 'turns', value }]
    if (key === 'color') return [{ kind: 'color', value }]
    if (key === 'mcpServers') return [readServers(value)]
    if (key === 'permissionMode') return value === 'default' ? [] : [{ kind: 'permission-mode', value }]
    return undefined
  },
  writeFact,
}
