// What makes a collection of agents misbehave, found before the tools that
// read them find it silently:
// - duplicate-name: two agents with one name in one scope (Claude Code keeps
//   one of them and drops the other without a word);
// - missing-field: a field the tool requires (Claude Code skips an agent
//   without `name` or `description`; OpenCode requires `description`);
// - unknown-tool: a tool name the tool does not have (an allowlist entry that
//   matches nothing is ignored, so the agent silently lacks the tool);
// - ignored-field: a frontmatter field the tool does not read (OpenCode even
//   passes it on to the model provider);
// - repeated-statement: one instruction repeated across many agents, which
//   belongs in a shared file (from the duplicate grouping of dedup).
import { dirname, sep } from 'node:path'
import { CLAUDE_OLD, CLAUDE_TOOLS, COPILOT_ALIASES, OPENCODE_BUILTINS, toolEntries } from '../convert/tools.js'
import { DIALECT_FIELDS, DIALECT_NAME } from '../convert/meta.js'
import { dedupAgents } from '../dedup/index.js'
import type { Agent, Dialect, Statement } from '../model.js'
import { dialectOfLocation, nameFromPath } from '../normalize/meta.js'
import { spellTool, toolId } from '../normalize/tools.js'

export { dialectOfLocation }

export type LintRule = 'duplicate-name' | 'missing-field' | 'unknown-tool' | 'ignored-field' | 'repeated-statement'
export const LINT_RULES: readonly LintRule[] = ['duplicate-name', 'missing-field', 'unknown-tool', 'ignored-field', 'repeated-statement']

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
export function scopeOf(path: string): string {
  const p = path.split(sep).join('/')
  const m = /^(.*?(?:^|\/)(?:\.claude\/agents|\.opencode\/agents?|opencode\/agents?|\.github\/agents))\//.exec(p)
  return m ? m[1]! : dirname(p)
}

// Copilot reads its aliases and, as compatible names, Claude Code's and
// other tools' names (GitHub's custom agents reference); VS Code adds its own
// built-in tools. Compared case-insensitively.
const COPILOT_KNOWN = new Set([
  ...Object.keys(COPILOT_ALIASES),
  'shell', 'bash', 'powershell', 'notebookread', 'multiedit', 'write', 'notebookedit', 'grep', 'glob', 'custom-agent', 'task', 'websearch', 'webfetch', 'todowrite',
  'codebase', 'editfiles', 'fetch', 'githubrepo', 'problems', 'runcommands', 'runtasks', 'runtests', 'usages', 'changes', 'terminallastcommand', 'terminalselection',
  'testfailure', 'findtestfiles', 'new', 'opensimplebrowser', 'vscodeapi', 'extensions', 'runnotebooks', 'think', 'todos', 'runsubagent',
])
const OPENCODE_KNOWN = new Set([...OPENCODE_BUILTINS, 'lsp'])
const CLAUDE_KNOWN = new Set(CLAUDE_TOOLS)

/** Why a tool name is not one the target knows, or undefined when it is fine. */
export function toolProblem(written: string, target: Dialect): string | undefined {
  const name = written.trim()
  const base = name.replace(/\(.*$/s, '').trim()
  const tool = DIALECT_NAME[target]
  if (target === 'claude') {
    if (/^mcp__/.test(base)) return undefined
    if (CLAUDE_KNOWN.has(base)) return undefined
    const id = toolId(base)
    const modern = CLAUDE_OLD[id]
    if (modern) return `tool '${name}' is not a tool of current Claude Code (an old name); use ${spellTool(modern, 'claude')}`
    const spelled = spellTool(id, 'claude')
    if (spelled && CLAUDE_KNOWN.has(spelled)) return `tool '${name}' is spelled '${spelled}' in Claude Code (tool names are case-sensitive)`
    return `tool '${name}' is not a Claude Code tool; Claude Code ignores it`
  }
  if (target === 'opencode') {
    if (OPENCODE_KNOWN.has(base) || /[_*]/.test(base)) return undefined
    const spelled = spellTool(toolId(base), 'opencode')
    if (spelled && OPENCODE_KNOWN.has(spelled)) return `tool '${name}' is spelled '${spelled}' in OpenCode`
    return `tool '${name}' is not an OpenCode tool`
  }
  if (COPILOT_KNOWN.has(base.toLowerCase()) || base.includes('/')) return undefined
  const alias = spellTool(toolId(base), 'copilot')
  return `tool '${name}' is not ${article(tool)} ${tool} tool${alias ? ` (its alias is '${alias}')` : ''}; ${tool} ignores it`
}

const REQUIRED: Record<Dialect, string[]> = { claude: ['name', 'description'], opencode: ['description'], copilot: [] }

const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'an' : 'a')

function quote(text: string): string {
  return text.length > 60 ? text.slice(0, 57) + '...' : text
}

/** Lints a collection of agents; findings in input order, then by line and rule. */
export function lintAgents(agents: readonly Agent[], options: LintOptions = {}): Finding[] {
  const ignore = new Set(options.ignore ?? [])
  const findings: Finding[] = []
  const add = (rule: LintRule, path: string, line: number, message: string) => {
    if (!ignore.has(rule)) findings.push({ rule, path, line, message })
  }
  const targetOf = (agent: Agent): Dialect => options.target ?? dialectOfLocation(agent.path) ?? agent.meta.dialect

  // Names in one scope: the first file keeps the name, every later one is reported.
  const seen = new Map<string, Agent>()
  for (const agent of agents) {
    const target = targetOf(agent)
    // OpenCode names an agent after its file, whatever a `name` field says.
    const name = target === 'opencode' ? nameFromPath(agent.path) : agent.meta.name
    const key = `${target}\u0000${scopeOf(agent.path)}\u0000${name.toLowerCase()}`
    const first = seen.get(key)
    const line = agent.meta.fields.find((f) => f.key === 'name')?.line ?? 1
    if (first) {
      const firstLine = first.meta.fields.find((f) => f.key === 'name')?.line ?? 1
      add('duplicate-name', agent.path, line, `agent name '${name}' is also used by ${first.path}:${firstLine} in the same scope; ${DIALECT_NAME[target]} loads only one of them`)
    } else seen.set(key, agent)
  }

  for (const agent of agents) {
    const target = targetOf(agent)
    const tool = DIALECT_NAME[target]
    const fieldLine = agent.meta.present ? agent.meta.line : 1
    for (const key of REQUIRED[target]) {
      if (!agent.meta.fields.some((f) => f.key === key && f.value !== null && f.value !== '')) {
        add('missing-field', agent.path, fieldLine, `${tool} requires '${key}' in the frontmatter${target === 'claude' ? ' and skips an agent without it' : ''}`)
      }
    }
    for (const field of agent.meta.fields) {
      if (field.key === 'tools' || (field.key === 'disallowedTools' && target === 'claude')) {
        for (const [name] of toolEntries(field.value)) {
          const problem = toolProblem(name, target)
          if (problem) add('unknown-tool', agent.path, field.line, problem)
        }
      }
      if (!DIALECT_FIELDS[target].has(field.key)) {
        const why = target === 'opencode' ? 'OpenCode passes unknown fields on to the model provider' : `${tool} ignores it`
        add('ignored-field', agent.path, field.line, `field '${field.key}' is not ${article(tool)} ${tool} field; ${why}`)
      }
    }
  }

  if (!ignore.has('repeated-statement') && agents.length >= (options.minAgents ?? 3)) {
    const min = options.minAgents ?? 3
    const result = dedupAgents(agents, options.threshold === undefined ? {} : { threshold: options.threshold })
    for (const group of result.groups) {
      if (group.agents < min) continue
      const [first, ...rest] = group.statements as [Statement, ...Statement[]]
      const others = rest.filter((s) => s.source.path !== first.source.path || s.source.line !== first.source.line)
      const list = others.slice(0, 5).map((s) => `${s.source.path}:${s.source.line}`).join(', ') + (others.length > 5 ? `, and ${others.length - 5} more` : '')
      add('repeated-statement', first.source.path, first.source.line, `statement repeated in ${group.agents} agents: "${quote(first.text)}" (also ${list}); consider one shared file`)
    }
  }
  const order = new Map(agents.map((a, i) => [a.path, i]))
  findings.sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0) || a.line - b.line || LINT_RULES.indexOf(a.rule) - LINT_RULES.indexOf(b.rule))
  return findings
}

export function formatFinding(f: Finding): string {
  return `${f.path}:${f.line}: ${f.message} (${f.rule})`
}
