// The front of the pipeline: bytes or a path in, an Agent out. Read, fix
// frontmatter fences, parse once, read the frontmatter, then build sections
// and statements. Every later stage starts from the Agent this returns.
import type { Yaml } from 'mdast'
import type { Agent, MetaField } from './model.js'
import { checkLimits } from './parse/limits.js'
import { fixFences } from './parse/fence.js'
import { parseFrontmatter } from './parse/frontmatter.js'
import { parseMarkdown } from './parse/markdown.js'
import { readMeta } from './normalize/meta.js'
import { buildSections, dropPositions, unwrap } from './normalize/structure.js'
import { decode } from './read/decode.js'
import { AgentError } from './errors.js'
import { formatSize, readInput, type Input, type ReadOptions } from './read/read.js'

export type ParseOptions = ReadOptions

/** Builds the agent model of decoded input. */
export function agentFromInput(input: Input): Agent {
  const { path } = input
  const fenced = fixFences(input.text, path)
  checkLimits(fenced.text, path)
  const tree = parseMarkdown(fenced.text)
  trimHtmlEnds(tree)
  const warnings = [...input.warnings, ...fenced.warnings]
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
  if (yamlText !== undefined) meta.yaml = yamlText
  return { path, meta, root, eol: input.eol, bom: input.bom, body, warnings }
}

interface AnyNode {
  type: string
  value?: string
  children?: AnyNode[]
}

/**
 * An HTML block that ends with its container (`<style` in a list item) keeps
 * the line endings before the next item in its value; they are blank lines
 * between blocks, not its content, and kept they would grow by one each time
 * the file is normalized.
 */
function trimHtmlEnds(node: AnyNode): void {
  if (node.type === 'html' && node.value !== undefined) node.value = node.value.replace(/\n+$/, '')
  if (node.children) for (const child of node.children) trimHtmlEnds(child)
}

/** Parses an agent definition from its text or bytes; `path` names it in errors and provenance. */
export function parseAgent(source: string | Uint8Array, path = 'agent.md', options: ParseOptions = {}): Agent {
  const bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : source
  // --max-size holds for bytes handed over as much as for files read (build, the merge driver).
  if (options.maxBytes !== undefined && bytes.length > options.maxBytes) {
    throw new AgentError('too-large', `file is ${formatSize(bytes.length)}, over the ${formatSize(options.maxBytes)} limit (raise it with --max-size)`, path)
  }
  const decoded = decode(bytes, path, options)
  return agentFromInput({ path, ...decoded })
}

/** Reads and parses an agent definition file (`-` reads stdin). */
export function readAgent(path: string, options: ParseOptions = {}): Agent {
  return agentFromInput(readInput(path, options))
}
