// Frontmatter changes, field by field, with semantic equality: tools compare
// as canonical grants, read as each side's dialect reads its tool fields
// (`Read, Write` == `[Read, Write]` == `{"*": false, read: true, write:
// true}`; an OpenCode map without `"*": false` also grants every other tool), text compares with whitespace collapsed (a folded
// description is the same description), scalars compare as text (`0.2` ==
// `"0.2"`) and maps without their key order. Key order, quoting and YAML
// style are changes of form.
import type { AgentMeta, MetaField } from '../model.js'
import { metaToolFields as toolFieldsOf, permitsOf, readMetaToolFields as readFields, samePattern, sameUseReplacement } from '../dialects/index.js'
import { collapse } from '../normalize/plain.js'
import type { FieldChange, FormattingChange } from './model.js'
import { diffText } from './words.js'

/** A value in a form where equal meaning is equal text. */
function canonicalValue(value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return collapse(value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (Array.isArray(value)) return value.map(canonicalValue)
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return Object.fromEntries(entries.map(([k, v]) => [k, canonicalValue(v)]))
  }
  return String(value)
}

/**
 * A side's grants as its dialect reads its tool and rule fields, settled
 * into permits (the reading the merge decides on, so that files `convert`
 * made alike compare alike): `id` for a tool granted whole (open, `*`
 * stands for it), `id(pattern)`
 * for an allowed use, `!id` or `!id(pattern)` for a denial that matters,
 * `id (ask)` for a tool used after asking, and `*` when the tools it does
 * not name stay granted (an OpenCode map without `"*": false`).
 */
function grants(meta: AgentMeta): string[] {
  const fields = toolFieldsOf(meta)
  // No tool field: every tool (the dialects' default).
  if (fields.length === 0) return ['*']
  const read = readFields(meta, fields)
  const permits = permitsOf(read.grants, read.rest !== 'deny')
  const out: string[] = permits.open ? ['*'] : []
  for (const [key, p] of permits.tools) {
    // Open, a tool granted whole is what `*` already says.
    if (p.whole) {
      if (!permits.open) out.push(key)
    } else if (p.ask) out.push(`${key} (ask)`)
    else if (permits.open) out.push(`!${key}`)
    for (const a of p.allow) out.push(`${key}(${samePattern(a)})`)
    for (const d of p.deny) out.push(`!${key}(${samePattern(d)})`)
  }
  return [...new Set(out)].sort()
}


/** A tool granted whole by name: what `*` grants too. */
const wholeTool = (t: string): boolean => t !== '*' && !t.startsWith('!') && !t.includes('(')

function toolsDelta(o: AgentMeta, n: AgentMeta): { added: string[]; removed: string[] } {
  const a = new Set(grants(o))
  const b = new Set(grants(n))
  // A tool one side names and the other leaves on with every tool it does not name is on both;
  // an old tool and its same-use replacement hold each other (LS and Glob: Copilot's `search` reads as both).
  const heldBy = (t: string, from: Set<string>) => wholeTool(t) && (from.has(sameUseReplacement(t) ?? '') || [...from].some((o) => wholeTool(o) && sameUseReplacement(o) === t))
  const gained = (t: string, from: Set<string>) => !from.has(t) && !(from.has('*') && wholeTool(t) && !from.has(`!${t}`)) && !heldBy(t, from)
  return { added: [...b].filter((t) => gained(t, a)).sort(), removed: [...a].filter((t) => gained(t, b)).sort() }
}

const firstByKey = (fields: MetaField[]): Map<string, MetaField> => {
  const map = new Map<string, MetaField>()
  for (const f of fields) if (!map.has(f.key)) map.set(f.key, f)
  return map
}

const at = (path: string, line: number) => ({ path, line })

/** NEW's line of the last field before OLD's `key` that NEW still has, if any. */
function nearLine(oldFields: MetaField[], key: string, newFields: Map<string, MetaField>): number | undefined {
  const before = oldFields.slice(0, oldFields.findIndex((f) => f.key === key))
  for (const f of before.reverse()) {
    const kept = newFields.get(f.key)
    if (kept) return kept.line
  }
  return undefined
}

export function fieldChanges(o: AgentMeta, oldPath: string, n: AgentMeta, newPath: string, maxEditLength?: number): { changes: FieldChange[]; formatting: FormattingChange[] } {
  const changes: FieldChange[] = []
  const formatting: FormattingChange[] = []
  const oldFields = firstByKey(o.fields)
  const newFields = firstByKey(n.fields)
  const keys = [...new Set([...oldFields.keys(), ...newFields.keys()])].sort()
  for (const key of keys) {
    const of = oldFields.get(key)
    const nf = newFields.get(key)
    const change: FieldChange = { key, change: of && nf ? 'changed' : of ? 'removed' : 'added' }
    if (of) change.old = { value: of.value, at: at(oldPath, of.line) }
    if (nf) change.new = { value: nf.value, at: at(newPath, nf.line) }
    else if (n.present) change.near = at(newPath, nearLine(o.fields, key, newFields) ?? n.line)
    if (key === 'tools') {
      // Both sides read whole: a rule field (OpenCode's `permission`) still denies when `tools` goes.
      const delta = toolsDelta(o, n)
      if (delta.added.length === 0 && delta.removed.length === 0 && !(of && nf)) {
        // A field that grants what its absence did (Copilot's `tools: ["*"]`): a change of form.
        formatting.push({ what: 'tools-form', detail: of ? 'tools field removed; it granted every tool, as its absence does' : 'tools field added; it grants every tool, as its absence did', ...(of ? { old: change.old!.at } : {}), ...(nf ? { new: change.new!.at } : {}) })
        continue
      }
      if (of && nf) {
        if (delta.added.length === 0 && delta.removed.length === 0) {
          if (o.toolsForm !== n.toolsForm) formatting.push({ what: 'tools-form', detail: `tools written as a ${formName(o.toolsForm)} -> a ${formName(n.toolsForm)}`, old: change.old!.at, new: change.new!.at })
          else if (JSON.stringify(of.value) !== JSON.stringify(nf.value)) formatting.push({ what: 'tools-form', detail: 'tools spelled or ordered differently', old: change.old!.at, new: change.new!.at })
          continue
        }
      }
      change.tools = delta
      changes.push(change)
      continue
    }
    if (of && nf) {
      if (JSON.stringify(canonicalValue(of.value)) === JSON.stringify(canonicalValue(nf.value))) {
        if (JSON.stringify(of.value) !== JSON.stringify(nf.value)) formatting.push({ what: 'frontmatter-style', detail: `${key}: same value written differently`, old: change.old!.at, new: change.new!.at })
        continue
      }
      if (typeof of.value === 'string' && typeof nf.value === 'string') change.words = diffText(of.value, nf.value, maxEditLength)
    }
    changes.push(change)
  }
  const sharedOld = o.fields.map((f) => f.key).filter((k) => newFields.has(k))
  const sharedNew = n.fields.map((f) => f.key).filter((k) => oldFields.has(k))
  if (sharedOld.join('\u0000') !== sharedNew.join('\u0000')) {
    formatting.push({ what: 'frontmatter-order', detail: `keys reordered: ${sharedOld.join(', ')} -> ${sharedNew.join(', ')}`, old: at(oldPath, o.line), new: at(newPath, n.line) })
  }
  return { changes, formatting }
}

function formName(form: AgentMeta['toolsForm']): string {
  return form === 'map' ? 'map' : form === 'list' ? 'list' : 'string'
}
