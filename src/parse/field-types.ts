// The type of value each known frontmatter field holds, checked once when a
// file is read. A value of another type (`name: [a, b]`, `description: {x:
// 1}`, `tools: 42`) is not what the agent tools read, so it is a warning at
// its `path:line` on every command, and lint reports it (`field-type`). The
// file still loads and the raw field is kept (nothing is lost; convert and
// merge carry it on, as they carry every field); only the model's `name`
// and `description` are never taken from anything but a string
// (`normalize/meta.ts`).
import { dialect } from '../dialects/index.js'
import { warning } from '../errors.js'
import type { Diagnostic, Dialect, MetaField } from '../model.js'

/** What a field's value may be. */
type Kind = 'string' | 'strings' | 'map' | 'number' | 'boolean'

/** The words a message uses for each kind. */
const SAID: Record<Kind, string> = { string: 'a string', strings: 'a list of strings', map: 'a map', number: 'a number', boolean: 'true or false' }

// By field name: a name means one thing in every dialect that has it. Tool
// fields hold a list in any of the three forms the dialects write
// (`Read, Grep`, a YAML list, OpenCode's map), so any of them is a tool list
// here; lint's unknown-tool says which names the target reads.
// A Map, since a key is the file's word (`constructor`, `__proto__`), never an object's property.
const KINDS: ReadonlyMap<string, readonly Kind[]> = new Map(Object.entries({
  name: ['string'],
  description: ['string'],
  color: ['string'],
  mode: ['string'],
  prompt: ['string'],
  permissionMode: ['string'],
  target: ['string'],
  'argument-hint': ['string'],
  tools: ['string', 'strings', 'map'],
  disallowedTools: ['string', 'strings', 'map'],
  agents: ['string', 'strings'],
  skills: ['string', 'strings'],
  permission: ['string', 'map'],
  temperature: ['number'],
  top_p: ['number'],
  maxTurns: ['number'],
  maxSteps: ['number'],
  steps: ['number'],
  disable: ['boolean'],
  disabled: ['boolean'],
  hidden: ['boolean'],
  infer: ['boolean'],
  background: ['boolean'],
  'user-invocable': ['boolean'],
  'disable-model-invocation': ['boolean'],
} satisfies Record<string, readonly Kind[]>))

/** The kinds `model` may be: a string, and a list of fallbacks in a dialect that reads one. */
function modelKinds(id: Dialect): readonly Kind[] {
  return dialect(id).models.list ? ['string', 'strings'] : ['string']
}

/** What a YAML value is, in a message's words. */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return value.every((x) => typeof x === 'string') ? 'a list' : `a list holding ${kindOf(value.find((x) => typeof x !== 'string'))}`
  if (value === null) return 'an empty value'
  if (typeof value === 'object') return 'a map'
  if (typeof value === 'string') return 'a string'
  if (typeof value === 'number') return 'a number'
  if (typeof value === 'boolean') return `'${String(value)}'`
  return `a ${typeof value}`
}

function holds(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string'
    case 'strings':
      return Array.isArray(value) && value.every((x) => typeof x === 'string')
    case 'map':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
    case 'number':
      return typeof value === 'number'
    case 'boolean':
      return typeof value === 'boolean'
  }
}

/** Why the model leaves a field's value out, for the fields it reads. */
const INSTEAD: ReadonlyMap<string, string> = new Map([
  ['name', 'the name is taken from the file name'],
  ['description', 'read as no description'],
])

/**
 * A warning (`field-type`) at the line of each known field whose value is
 * not of its type; an empty value (`description:`) is a missing one, not a
 * wrong one, and lint's missing-field speaks of it.
 */
export function fieldTypeWarnings(fields: readonly MetaField[], id: Dialect, path: string): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const field of fields) {
    const kinds = field.key === 'model' ? modelKinds(id) : KINDS.get(field.key)
    if (!kinds || field.value === null || kinds.some((k) => holds(k, field.value))) continue
    const said = kinds.map((k) => SAID[k])
    const expected = said.length === 1 ? said[0]! : `${said.slice(0, -1).join(', ')} or ${said[said.length - 1]!}`
    const instead = INSTEAD.get(field.key)
    out.push(warning('field-type', `frontmatter field '${field.key}' is ${kindOf(field.value)}, not ${expected}${instead ? `; ${instead}` : ''}`, path, field.line))
  }
  return out
}
