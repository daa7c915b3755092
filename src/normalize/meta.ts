// The frontmatter in canonical form: which dialect the file follows, and the
// fields every stage compares (name, description, model, tools) read from the
// raw fields in one way for all dialects. The raw fields stay, in file order,
// so that nothing the file says is dropped; the YAML text stays too, so that
// writing the file back edits it instead of regenerating it.
import { dialectOfLocation as locate, detectDialect as detect, nameFromPath } from '../dialects/index.js'
import type { AgentMeta, Dialect, MetaField } from '../model.js'
import { readTools } from './tools.js'

export { nameFromPath }

/** The dialect a file's location implies: the folder each tool reads its agents from. */
export function dialectOfLocation(path: string): Dialect | undefined {
  return locate(path)?.id
}

export function detectDialect(fields: MetaField[], path: string): Dialect {
  return detect(fields, path).id
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

/** A name or description is a string or nothing: any other value is a mistake (parse/field-types.ts warns of it), not a name. */
const onlyText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

export function readMeta(fields: MetaField[], path: string, present: boolean, line: number): AgentMeta {
  const field = (key: string) => fields.find((f) => f.key === key)?.value
  const dialect = detectDialect(fields, path)
  const name = onlyText(field('name'))
  const meta: AgentMeta = {
    dialect,
    name: name ?? nameFromPath(path),
    nameFromFile: name === undefined,
    fields,
    present,
    line,
  }
  const description = onlyText(field('description'))
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
