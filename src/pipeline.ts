// The front of the pipeline: bytes or a path in, an Agent out. Read, fix
// frontmatter fences, parse once, read the frontmatter, then build sections
// and statements. Every later stage starts from the Agent this returns.
import type { Yaml } from 'mdast'
import type { Agent, MetaField } from './model.js'
import { checkLimits, parseMarkdown } from './markdown/index.js'
import { fixFences } from './parse/fence.js'
import { parseFrontmatter } from './parse/frontmatter.js'
import { fieldTypeWarnings } from './parse/field-types.js'
import { unclosedFences } from './parse/unclosed.js'
import { checkConflictMarkers } from './parse/markers.js'
import { readMeta } from './normalize/meta.js'
import { buildSections, dropPositions, unwrap } from './normalize/structure.js'
import { settleRepairs } from './read/mojibake.js'
import { inputFromBytes, readInput, type Input, type ReadOptions } from './read/read.js'

export type ParseOptions = ReadOptions

/** Builds the agent model of decoded input. */
export function agentFromInput(input: Input): Agent {
  const { path } = input
  const fenced = fixFences(input.text, path)
  checkLimits(fenced.text, path)
  checkConflictMarkers(fenced.text, path)
  const tree = parseMarkdown(fenced.text)
  const settled = input.mojibake ? settleRepairs(input.mojibake, fenced.text, tree, path) : undefined
  if (settled?.retry) return agentFromInput({ ...input, text: settled.retry.text, mojibake: settled.retry.plan })
  trimHtmlEnds(tree)
  const warnings = [...input.warnings, ...(settled?.warnings ?? []), ...fenced.warnings, ...unclosedFences(tree, fenced.text, path)]
  const first = tree.children[0]
  let fields: MetaField[] = []
  let line = 0
  let yamlText: string | undefined
  let body = fenced.text
  if (first?.type === 'yaml') {
    const yaml = first as Yaml
    line = yaml.position?.start.line ?? 1
    const frontmatter = parseFrontmatter(yaml.value, line, path)
    fields = frontmatter.fields
    warnings.push(...frontmatter.warnings)
    yamlText = yaml.value
    body = fenced.text.slice(yaml.position?.end.offset ?? 0).replace(/^\n/, '')
  }
  unwrap(tree)
  const root = buildSections(tree, path, fenced.text)
  dropPositions(root)
  const meta = readMeta(fields, path, first?.type === 'yaml', line)
  warnings.push(...fieldTypeWarnings(fields, meta.dialect, path))
  if (yamlText !== undefined) meta.yaml = yamlText
  return { path, meta, root, eol: input.eol, bom: input.bom, body, warnings }
}

interface Point {
  line: number
  column: number
  offset?: number
}

interface AnyNode {
  type: string
  value?: string
  children?: AnyNode[]
  position?: { start: Point; end: Point }
}

/**
 * An HTML block that ends with its container (`<style` in a list item) keeps
 * the line endings before the next item in its value and its span, and the
 * item's span runs on into the next item's marker. They are the blank lines
 * and markers between blocks, not its content: kept, normalizing would add
 * a line each time. Values and spans end where the content does.
 */
function trimHtmlEnds(node: AnyNode): void {
  for (const child of node.children ?? []) trimHtmlEnds(child)
  if (node.type === 'html' && node.value !== undefined && /\n$/.test(node.value)) {
    const trimmed = node.value.replace(/\n+$/, '')
    const end = node.position?.end
    if (end?.offset !== undefined) {
      const lines = node.value.length - trimmed.length
      node.position!.end = { line: end.line - lines, column: end.column, offset: end.offset - lines }
    }
    node.value = trimmed
  }
  const last = node.children?.[node.children.length - 1]?.position?.end
  if (node.type === 'listItem' && last?.offset !== undefined && node.position?.end.offset !== undefined && node.position.end.offset > last.offset) {
    node.position.end = { ...last }
  }
}

/** Parses an agent definition from its text or bytes; `path` names it in errors and provenance. */
export function parseAgent(source: string | Uint8Array, path = 'agent.md', options: ParseOptions = {}): Agent {
  const bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : source
  return agentFromInput(inputFromBytes(bytes, path, options))
}

/** Reads and parses an agent definition file (`-` reads stdin). */
export function readAgent(path: string, options: ParseOptions = {}): Agent {
  return agentFromInput(readInput(path, options))
}
