// Walks over the agent model: its statements and sections in document order.
import type { Block, Section, Statement } from './model.js'

/** Every statement under a section, in document order. */
export function statementsOf(section: Section): Statement[] {
  const out: Statement[] = []
  const visit = (body: Block[]) => {
    for (const block of body) {
      if (block.type === 'statement') out.push(block)
      else if (block.type === 'section') visit(block.body)
    }
  }
  visit(section.body)
  return out
}

/** Every section under (and including) a section, in document order. */
export function sectionsOf(section: Section): Section[] {
  const out: Section[] = [section]
  for (const block of section.body) if (block.type === 'section') out.push(...sectionsOf(block))
  return out
}
