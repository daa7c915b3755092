// What makes a collection of agents misbehave, found before the tools that
// read them find it silently:
// - duplicate-name: two agents with one name in one scope (Claude Code keeps
//   one of them and drops the other without a word);
// - missing-field: a field the tool requires, absent or blank (Claude Code skips an agent
//   without `name` or `description`; OpenCode requires `description`);
// - unknown-tool: a tool name the tool does not have (an allowlist entry that
//   matches nothing is ignored, so the agent silently lacks the tool), or a
//   tool entry whose value it does not take (`bash: null` in a tools map, a
//   permission other than allow, ask or deny), which grants nothing;
// - ignored-field: a frontmatter field the tool does not read (OpenCode even
//   passes it on to the model provider);
// - field-type: a field whose value is not of its type (`tools: 42`), which
//   the tool cannot read (the check every read warns with), or a name the
//   tool's naming rule does not allow (Claude Code's lower-case slugs);
// - repeated-statement: one instruction repeated across many agents, which
//   belongs in a shared file (from the duplicate grouping of dedup, with role
//   openings read as prose: see OPENINGS_AS_PROSE).
// Which file a finding names and the order of the findings follow the paths
// (code units), never the order the files were given in.
import { terminalLine } from '../errors.js'
import { dirname, sep } from 'node:path'
import { dedupAgents } from '../dedup/index.js'
import type { Agent, Dialect, Statement } from '../model.js'
import { byCodeUnits } from '../order.js'
import type { Tuning } from '../similarity/index.js'
import { agentFolderOf, dialect, fieldsOf, toolEntries, toolNames } from '../dialects/index.js'
import { dialectOfLocation, nameFromPath } from '../normalize/meta.js'
import { fieldTypeWarnings } from '../parse/field-types.js'

export type LintRule = 'duplicate-name' | 'missing-field' | 'field-type' | 'unknown-tool' | 'ignored-field' | 'repeated-statement'
export const LINT_RULES: readonly LintRule[] = ['duplicate-name', 'missing-field', 'field-type', 'unknown-tool', 'ignored-field', 'repeated-statement']

export interface Finding {
  rule: LintRule
  path: string
  line: number
  message: string
}

export interface LintOptions {
  /** Check every file as this tool would read it; default: by location, else by the file's own dialect. */
  target?: Dialect
  /** Report a statement repeated in at least this many agents (default 3). */
  minAgents?: number
  /** Similarity threshold for repeated statements (the dedup default otherwise). */
  threshold?: number
  /** Rules not to run. */
  ignore?: readonly LintRule[]
}

/** The directory whose agents share one name space: the agents folder the file is under, else its own directory. */
function scopeOf(path: string): string {
  const p = path.split(sep).join('/')
  return agentFolderOf(p)?.folder ?? dirname(p)
}


/**
 * The similarity's role-opening rule ("You are a ..." links with another
 * opening at a low bar) is for the variants of one agent, which open with
 * the same role in other words; across a collection of different agents it
 * would report every agent's opening as one repeated statement. The lint
 * reads openings as any other prose: two are repeats only when their words
 * say the same thing.
 */
const OPENINGS_AS_PROSE: Partial<Tuning> = { persona: null }

const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'an' : 'a')

function quote(text: string): string {
  return text.length > 60 ? text.slice(0, 57) + '...' : text
}

/** A value that says nothing: none, or only white space. */
const isBlank = (value: unknown): boolean => value === null || value === undefined || (typeof value === 'string' && value.trim() === '')

/** Lints a collection of agents; findings by path (code units), then line and rule. */
export function lintAgents(agents: readonly Agent[], options: LintOptions = {}): Finding[] {
  const ignore = new Set(options.ignore ?? [])
  const findings: Finding[] = []
  const add = (rule: LintRule, path: string, line: number, message: string) => {
    if (!ignore.has(rule)) findings.push({ rule, path, line, message })
  }
  const targetOf = (agent: Agent): Dialect => options.target ?? dialectOfLocation(agent.path) ?? agent.meta.dialect

  // Agents by path, whatever the order they were given in.
  const byPath = [...agents].sort((a, b) => byCodeUnits(a.path, b.path))
  // Names in one scope: the first file by path keeps the name, every later one is reported.
  const seen = new Map<string, Agent>()
  for (const agent of byPath) {
    const target = targetOf(agent)
    // A dialect without a `name` field (OpenCode) names an agent after its file, whatever a `name` field says.
    const name = dialect(target).name ? agent.meta.name : nameFromPath(agent.path)
    const key = `${target}\u0000${scopeOf(agent.path)}\u0000${name.toLowerCase()}`
    const first = seen.get(key)
    const line = agent.meta.fields.find((f) => f.key === 'name')?.line ?? 1
    if (first) {
      const firstLine = first.meta.fields.find((f) => f.key === 'name')?.line ?? 1
      add('duplicate-name', agent.path, line, `agent name '${name}' is also used by ${first.path}:${firstLine} in the same scope; ${dialect(target).title} loads only one of them`)
    } else seen.set(key, agent)
  }

  for (const agent of agents) {
    const target = targetOf(agent)
    const spec = dialect(target)
    const tool = spec.title
    const fieldLine = agent.meta.present ? agent.meta.line : 1
    for (const key of spec.required) {
      // A field written with nothing in it (`name:`, `name: ""`, `name: "   "`) is named at its own line.
      const field = agent.meta.fields.find((f) => f.key === key)
      if (field && !isBlank(field.value)) continue
      const requires = `${tool} requires '${key}' in the frontmatter${spec.withoutRequired ? ` and ${spec.withoutRequired}` : ''}`
      add('missing-field', agent.path, field?.line ?? fieldLine, field ? `${requires}; it is blank here` : requires)
    }
    const typed = fieldTypeWarnings(agent.meta.fields, target, agent.path)
    for (const w of typed) add('field-type', agent.path, w.line!, w.message)
    // A name the tool's rule does not allow (Claude Code's lower-case slugs), by the rule a conversion writes it by.
    const nameField = agent.meta.fields.find((f) => f.key === 'name')
    const named = nameField && typeof nameField.value === 'string' && !isBlank(nameField.value) ? spec.name?.(nameField.value) : undefined
    if (nameField && named?.why) add('field-type', agent.path, nameField.line, `field 'name': '${String(nameField.value)}' is not ${article(tool)} ${tool} name (${named.why}); use '${named.value}'`)
    // The tool fields read as the dialect reads them: a value it does not take is reported (a field of the wrong type is, above).
    const toolFields = agent.meta.fields.filter((f) => [...spec.tools.fields, ...(spec.tools.ruleFields ?? [])].includes(f.key) && !typed.some((w) => w.line === f.line))
    if (toolFields.length > 0) {
      for (const n of spec.tools.read(Object.fromEntries(toolFields.map((f) => [f.key, f.value])), toolNames).notes) {
        if (n.invalid) add('unknown-tool', agent.path, toolFields.find((f) => f.key === n.written)?.line ?? fieldLine, `field '${n.written}': ${n.message}`)
      }
    }
    for (const field of agent.meta.fields) {
      if (spec.tools.fields.includes(field.key)) {
        for (const [name] of toolEntries(field.value)) {
          const problem = spec.tools.problem(name, toolNames)
          if (problem) add('unknown-tool', agent.path, field.line, problem.message)
        }
      }
      if (!fieldsOf(spec).includes(field.key)) {
        const why = spec.unknownFields.keep ? `${tool} ignores it` : spec.unknownFields.why
        add('ignored-field', agent.path, field.line, `field '${field.key}' is not ${article(tool)} ${tool} field; ${why}`)
      }
    }
  }

  if (!ignore.has('repeated-statement') && agents.length >= (options.minAgents ?? 3)) {
    const min = options.minAgents ?? 3
    const result = dedupAgents(agents, { tuning: OPENINGS_AS_PROSE, ...(options.threshold === undefined ? {} : { threshold: options.threshold }) })
    for (const group of result.groups) {
      if (group.agents < min) continue
      // A group's statements come by path, then document order: the first is reported, the others listed.
      const [first, ...rest] = group.statements as [Statement, ...Statement[]]
      const others = rest.filter((s) => s.source.path !== first.source.path || s.source.line !== first.source.line)
      const list = others.slice(0, 5).map((s) => `${s.source.path}:${s.source.line}`).join(', ') + (others.length > 5 ? `, and ${others.length - 5} more` : '')
      add('repeated-statement', first.source.path, first.source.line, `statement repeated in ${group.agents} agents: "${quote(first.text)}" (also ${list}); consider one shared file`)
    }
  }
  findings.sort((a, b) => byCodeUnits(a.path, b.path) || a.line - b.line || LINT_RULES.indexOf(a.rule) - LINT_RULES.indexOf(b.rule))
  return findings
}

/**
 * A finding as one text line, `path:line: message (rule)`, control characters
 * escaped: the one text form of a finding, the text lines of `lint` and of
 * `build` (and `--check`) included (a finding about a whole file has no
 * line, and no `:line`).
 */
export function formatFinding(f: Omit<Finding, 'line' | 'rule'> & { line?: number; rule: string }): string {
  return terminalLine(`${f.path}${f.line !== undefined ? `:${f.line}` : ''}: ${f.message} (${f.rule})`)
}
