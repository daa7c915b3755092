// Whether two inputs are copies of one whole file: the same frontmatter fields
// as written and the same body. A merge of copies says what the file alone
// says (merge(a, a) is merge(a)), so the notes a choice between inputs or a
// merge of different agents calls for are left out for them.
import type { Agent } from '../model.js'

const fieldsOf = (a: Agent): string => JSON.stringify(a.meta.fields.map((f) => [f.key, f.value]))

export function sameFile(a: Agent, b: Agent): boolean {
  return a === b || (a.body === b.body && fieldsOf(a) === fieldsOf(b))
}
