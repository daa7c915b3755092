// A made-up fourth dialect for test/dialects.test.ts: what a new file in
// src/dialects looks like, kept out of the fixed list.
import { ALIAS_PINS, keptModel, pinned } from '../../src/dialects/models.js'
import { readAllowlist, spellTool } from '../../src/dialects/tools.js'
import type { DialectSpec, Grant } from '../../src/dialects/types.js'

/** A made-up tool: snake_case tool names in a list, `provider/model` ids, `max_turns`, agents in `.toy/agents/NAME.toy.md`. */
export const toy: DialectSpec = {
  id: 'toy',
  title: 'Toy',
  aliases: ['toy-agent'],
  fields: ['name', 'description', 'tools', 'model', 'max_turns'],
  required: ['name'],
  ownFields: ['max_turns'],
  folders: ['.toy/agents'],
  suffixes: ['.toy.md'],
  fileName: (name) => `${name}.toy.md`,
  name: (name) => ({ value: name }),
  unknownFields: { keep: false, why: 'Toy rejects unknown fields' },
  tools: {
    form: 'list',
    fields: ['tools'],
    spell: { read: 'read_file', grep: 'search_text', bash: 'run_shell', edit: 'edit_file', write: 'edit_file' },
    read: (values, names) => readAllowlist(values, toy, names),
    write(grants: Grant[]) {
      const notes: Array<{ written: string; message: string }> = []
      const names: string[] = []
      for (const g of grants.filter((x) => x.enabled)) {
        const name = g.kind === 'tool' ? spellTool(g.id, toy) : undefined
        if (name === undefined) notes.push({ written: g.written, message: `'${g.written}' has no Toy equivalent; dropped` })
        else if (!names.includes(name)) names.push(name)
      }
      return names.length > 0 ? { tools: names, notes } : { notes }
    },
    none: () => [],
    problem: (written) => (Object.values(toy.tools.spell).includes(written) ? undefined : { message: `tool '${written}' is not a Toy tool`, ignored: true }),
  },
  models: {
    spell(ref) {
      if (ref.kind === 'inherit') return {}
      if (ref.kind === 'alias') return pinned(ref.family, `anthropic/${ALIAS_PINS[ref.family]}`, 'Toy')
      if (ref.kind === 'model') return { value: `${ref.provider}/${ref.id}` }
      return keptModel(ref.written)
    },
  },
  readFact: (key, value) => (key === 'max_turns' ? [{ kind: 'turns', value }] : undefined),
  writeFact: (fact) => (fact.kind === 'turns' ? { set: [['max_turns', fact.value]] } : { drop: 'Toy has no such field' }),
}
