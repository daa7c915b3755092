// Writes an agent's frontmatter as canonical YAML: the dialect's own fields
// first in a fixed order, then every other field in the order the file had
// them, tools in the dialect's spelling, no line folding.
import { Document, isSeq, Pair, Scalar, YAMLMap, type Node } from 'yaml'
import type { AgentMeta, Dialect, MetaField } from '../model.js'
import { respell, splitToolList } from '../normalize/tools.js'

/** The canonical order of each dialect's documented fields. */
export const FIELD_ORDER: Record<Dialect, string[]> = {
  claude: ['name', 'description', 'tools', 'disallowedTools', 'model', 'permissionMode', 'maxTurns', 'skills', 'mcpServers', 'hooks', 'memory', 'color'],
  opencode: ['description', 'mode', 'model', 'temperature', 'top_p', 'maxSteps', 'disable', 'disabled', 'hidden', 'tools', 'permission', 'prompt', 'color'],
  copilot: ['name', 'description', 'target', 'tools', 'model', 'argument-hint', 'agents', 'handoffs', 'mcp-servers', 'infer', 'user-invocable', 'disable-model-invocation'],
}

/** Fields in canonical order: known ones by the dialect's order, the rest as written. */
export function orderFields(fields: MetaField[], dialect: Dialect): MetaField[] {
  const order = FIELD_ORDER[dialect]
  const rank = (key: string) => {
    const i = order.indexOf(key)
    return i === -1 ? order.length : i
  }
  return fields.map((field, index) => ({ field, index })).sort((a, b) => rank(a.field.key) - rank(b.field.key) || a.index - b.index).map((x) => x.field)
}

/** A `tools` value with each name in the dialect's spelling, in the form it was written. */
export function respellTools(value: unknown, dialect: Dialect): unknown {
  if (typeof value === 'string') {
    return splitToolList(value).map((n) => respell(n, dialect)).join(', ')
  }
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? respell(v, dialect) : v))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [respell(k, dialect), v]))
  }
  return value
}

function node(doc: Document, value: unknown): Node {
  const created = doc.createNode(value) as Node
  // Short lists of scalars read best inline: `tools: [Read, Grep]`.
  if (isSeq(created) && created.items.every((item) => item instanceof Scalar)) created.flow = true
  return created
}

/** The YAML text of fields (without fences, with a final newline), or '' when there are none. */
export function renderFields(fields: MetaField[], dialect: Dialect): string {
  if (fields.length === 0) return ''
  const doc = new Document()
  const map = new YAMLMap()
  for (const field of orderFields(fields, dialect)) {
    const value = field.key === 'tools' ? respellTools(field.value, dialect) : field.value
    map.items.push(new Pair(new Scalar(field.key), node(doc, value)))
  }
  doc.contents = map
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false })
}

export function renderFrontmatter(meta: AgentMeta): string {
  return renderFields(meta.fields, meta.dialect)
}
