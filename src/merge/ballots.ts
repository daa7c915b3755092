// What a frontmatter field's vote counts as one value, and what is written
// for the value most inputs carry. A model counts by its Claude family: a
// dated or full id and the family's alias (`claude-sonnet-4-20250514`,
// `claude-sonnet-4-5`, `sonnet`) ask in substance for the same model, and a
// vote that told them apart kept a dated id that two of three inputs did
// not write (flutter-expert). What is written is the value most of the
// family's voters wrote, or its alias when none leads. Every other field
// counts its value as written.
import type { Dialect } from '../model.js'
import { dialect, modelFamily, readModel } from '../dialects/index.js'

/** The value written for a ballot, and why when no input wrote it so. */
export interface Written {
  value: unknown
  note?: string
}

export interface Counting {
  /** The value a vote counts as: votes with one ballot are one value. */
  ballot(value: unknown): string
  /** What is written for the winning ballot, given its votes' values (at least one), in vote order (ties: the first). */
  written(values: readonly unknown[]): Written
}

/** Two frontmatter values alike: equal as JSON. The one test of it for every field decision. */
export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)
/** A value as the ballot it counts as when nothing makes two values one. */
export const asWritten = (value: unknown): string => JSON.stringify(value) ?? 'undefined'

/** How the votes on a field count, in the output dialect `to` (the inputs' values are in it, converted first). */
export function countingOf(key: string, to: Dialect): Counting {
  const spec = dialect(to)
  const family = (value: unknown) => (typeof value === 'string' ? modelFamily(readModel(value, spec)) : undefined)
  if (key !== 'model') return { ballot: asWritten, written: (values) => ({ value: values[0] }) }
  return {
    // A JSON string starts with a quote: no written value is taken for a family.
    ballot: (value) => {
      const f = family(value)
      return f === undefined ? asWritten(value) : `family ${f}`
    },
    // The value most of the family's voters wrote (two inputs pinning one dated id keep it); when none leads,
    // the family's alias as the output spells it.
    written: (values) => {
      const f = family(values[0])
      const distinct = values.filter((v, i) => values.findIndex((w) => sameValue(w, v)) === i)
      const count = (v: unknown) => values.filter((w) => sameValue(w, v)).length
      const most = Math.max(...distinct.map(count))
      const leaders = distinct.filter((v) => count(v) === most)
      if (f === undefined || leaders.length === 1) return { value: leaders[0] }
      const alias = spec.models.spell({ kind: 'alias', family: f })
      if (alias.value === undefined) return { value: values[0] }
      const why = `${distinct.map((v) => JSON.stringify(v)).join(', ')} counted as one model, the ${f} family; its alias written`
      return { value: alias.value, note: alias.note ? `${why} (${alias.note})` : why }
    },
  }
}
