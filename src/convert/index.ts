// Converting an agent to another tool's dialect: the frontmatter in the
// target's own fields and spelling (convertMeta), edited where it can be;
// the body is written back as the file had it, byte for byte.
import { dialect, findDialect } from '../dialects/index.js'
import type { Agent, Diagnostic, Dialect } from '../model.js'
import { withEol } from '../normalize.js'
import { readMeta } from '../normalize/meta.js'
import { renderAgent } from '../render/markdown.js'
import { safeFileName } from '../write/names.js'
import { fenceable, renderFields } from '../render/frontmatter.js'
import { convertMeta, type ConvertOptions } from './meta.js'

export { convertMeta, type ConvertOptions, type ConvertResult } from './meta.js'

/** Reads a dialect name as a user writes it (`claude`, `claude-code`, `opencode`, `copilot`, `vscode`). */
export function parseDialect(value: string): Dialect | undefined {
  return findDialect(value)?.id
}

/**
 * The file name an agent has in a dialect: `name.md`, or `name.agent.md` for
 * Copilot, named by the name a conversion from `from` writes (Copilot's
 * `Code Reviewer` is Claude Code's `code-reviewer.md`, as its `name` field
 * says; converted to its own dialect an agent keeps its fields, and its name),
 * made one plain path component after that (`../x` is never a path), so that
 * the file carries the name written wherever it can.
 */
export function fileNameFor(name: string, to: Dialect, from?: Dialect): string {
  const spec = dialect(to)
  return spec.fileName(safeFileName(from === to ? name : (spec.name?.(name).value ?? name)))
}

/** An agent with its frontmatter converted to another dialect (the body is shared, not copied). */
export function convertAgent(agent: Agent, to: Dialect, options: ConvertOptions = {}): { agent: Agent; warnings: Diagnostic[] } {
  const { fields, warnings } = convertMeta(agent.meta, to, { path: agent.path, ...options })
  const meta = readMeta(fields, agent.path, true, agent.meta.line || 1)
  meta.dialect = to
  if (agent.meta.yaml !== undefined) meta.yaml = agent.meta.yaml
  // Without a `name` field (OpenCode names an agent after its file) the agent keeps its name.
  if (!fields.some((f) => f.key === 'name')) {
    meta.name = agent.meta.name
    meta.nameFromFile = true
  }
  return { agent: { ...agent, meta }, warnings }
}

/**
 * An agent converted to another dialect, as a file: its frontmatter edited
 * into the target's (in the target's key order; untouched when the target is
 * the file's own dialect), then the body exactly as the file had it, in the
 * file's line endings and with its byte order mark. Converting never repairs
 * the text: read it with `mojibake: 'warn'` to keep mojibake and be warned of it.
 */
export function convertText(agent: Agent, to: Dialect, options: ConvertOptions = {}): { text: string; warnings: Diagnostic[] } {
  if (agent.body === undefined) {
    // An agent no file holds (a merge) has no bytes to keep: it is written in canonical form.
    const converted = convertAgent(agent, to, options)
    return { text: withEol(renderAgent(converted.agent), agent.eol), warnings: converted.warnings }
  }
  const same = agent.meta.dialect === to
  const { fields, warnings } = convertMeta(agent.meta, to, { path: agent.path, ...options })
  // In its own dialect the frontmatter is the file's, even YAML only the lenient reader took:
  // the reader's text and the line break before the closing fence, which it leaves out.
  const yaml = same && agent.meta.yaml !== undefined
    ? agent.meta.yaml + (agent.meta.yaml === '' ? '' : '\n')
    : fenceable(renderFields(fields, to, { ...(agent.meta.yaml === undefined ? {} : { source: agent.meta.yaml }), order: !same, respell: false }))
  const frontmatter = agent.meta.present || yaml !== '' ? `---\n${yaml}---\n` : ''
  const body = !agent.meta.present && frontmatter !== '' && agent.body !== '' ? `\n${agent.body}` : agent.body
  const text = (agent.bom ? '\uFEFF' : '') + withEol(frontmatter + body, agent.eol)
  return { text, warnings }
}
