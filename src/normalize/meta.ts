// The frontmatter in canonical form: which dialect the file follows, and the
// fields every stage compares (name, description, model, tools) read from the
// raw fields in one way for all dialects. The raw fields stay, in file order,
// so that nothing the file says is dropped.
import { basename, sep } from 'node:path'
import type { AgentMeta, Dialect, MetaField } from '../model.js'
import { readTools } from './tools.js'

// Fields that only one dialect defines (from each tool's documentation).
const OPENCODE_ONLY = new Set(['mode', 'temperature', 'top_p', 'maxSteps', 'steps', 'disable', 'disabled', 'permission', 'hidden', 'prompt'])
const COPILOT_ONLY = new Set(['target', 'handoffs', 'argument-hint', 'mcp-servers', 'infer', 'user-invocable', 'disable-model-invocation', 'agents'])

/** The agent name a file would have without a `name` field. */
export function nameFromPath(path: string): string {
  if (path === '-') return 'stdin'
  return basename(path).replace(/\.agent\.md$|\.chatmode\.md$|\.md$|\.markdown$/i, '')
}

/** The dialect a file's location implies: the folder each tool reads its agents from. */
export function dialectOfLocation(path: string): Dialect | undefined {
  const p = path.split(sep).join('/')
  if (/(^|\/)\.claude\/agents\//.test(p)) return 'claude'
  if (/(^|\/)(\.opencode|opencode)\/agents?\//.test(p)) return 'opencode'
  if (/(^|\/)\.github\/agents\//.test(p) || /\.(agent|chatmode)\.md$/i.test(p)) return 'copilot'
  return undefined
}

export function detectDialect(fields: MetaField[], path: string): Dialect {
  const located = dialectOfLocation(path)
  if (located) return located
  const keys = new Set(fields.map((f) => f.key))
  const tools = fields.find((f) => f.key === 'tools')?.value
  if ([...keys].some((k) => OPENCODE_ONLY.has(k))) return 'opencode'
  if (tools && typeof tools === 'object' && !Array.isArray(tools)) return 'opencode'
  if ([...keys].some((k) => COPILOT_ONLY.has(k))) return 'copilot'
  return 'claude'
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

export function readMeta(fields: MetaField[], path: string, present: boolean, line: number): AgentMeta {
  const field = (key: string) => fields.find((f) => f.key === key)?.value
  const dialect = detectDialect(fields, path)
  const name = text(field('name'))
  const meta: AgentMeta = {
    dialect,
    name: name ?? nameFromPath(path),
    nameFromFile: name === undefined,
    fields,
    present,
    line,
  }
  const description = text(field('description'))
  if (description !== undefined) meta.description = description
  const model = text(field('model'))
  if (model !== undefined) meta.model = model
  const tools = readTools(field('tools'))
  if (tools) {
    meta.tools = tools.tools
    meta.toolsForm = tools.form
  }
  return meta
}
