// The agent model as JSON for `normalize --json`: every section and
// statement with its `path:line`, without mdast nodes. A stable interface
// (see docs/json.md); `version` changes only when a field changes meaning.
import type { Agent, Block, Section, Statement } from '../model.js'
import { statementMarkdown } from './markdown.js'

interface StatementJson {
  type: 'statement'
  kind: Statement['kind']
  at: string
  id: string
  text: string
  markdown: string
  checked?: boolean
}

interface SectionJson {
  type: 'section'
  kind: Section['kind']
  at: string
  title: string
  key: string
  depth: number
  body: Array<SectionJson | StatementJson | { type: 'rule'; at: string }>
}

const at = (b: { source: { path: string; line: number } }) => `${b.source.path}:${b.source.line}`

function blockJson(block: Block): SectionJson['body'][number] {
  if (block.type === 'rule') return { type: 'rule', at: at(block) }
  if (block.type === 'section') return sectionJson(block)
  const json: StatementJson = { type: 'statement', kind: block.kind, at: at(block), id: block.id, text: block.text, markdown: statementMarkdown(block) }
  if (block.checked !== undefined) json.checked = block.checked
  return json
}

export function sectionJson(section: Section): SectionJson {
  return { type: 'section', kind: section.kind, at: at(section), title: section.title, key: section.key, depth: section.depth, body: section.body.map(blockJson) }
}

export function agentJson(agent: Agent) {
  const { meta } = agent
  return {
    path: agent.path,
    dialect: meta.dialect,
    meta: {
      name: meta.name,
      nameFromFile: meta.nameFromFile,
      description: meta.description ?? null,
      model: meta.model ?? null,
      tools: meta.tools ? meta.tools.map((t) => ({ id: t.id, written: t.written, enabled: t.enabled })) : null,
      toolsForm: meta.toolsForm ?? null,
      fields: meta.fields.map((f) => ({ key: f.key, value: f.value, at: `${agent.path}:${f.line}` })),
    },
    eol: agent.eol === '\r\n' ? 'crlf' : 'lf',
    root: sectionJson(agent.root),
    warnings: agent.warnings,
  }
}
