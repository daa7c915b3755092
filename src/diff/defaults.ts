// A field one dialect writes for what an agent of another dialect is with no
// field at all (OpenCode's `mode: subagent`: a Claude Code agent is always a
// sub-agent). Across dialects such a field is a change of form, as the name
// OpenCode takes from the file name is: nothing the agent may do has changed.
import { dialect } from '../dialects/index.js'
import type { AgentMeta, MetaField } from '../model.js'

/**
 * Whether `field`, which only `side` has, states nothing that `other` is not
 * already without a field: each fact its dialect reads in it is one the other
 * dialect would not write (its `writeFact` says nothing: it is already so),
 * and no field of `other` states a fact of that kind (`user-invocable:
 * false` beside OpenCode's `mode: all` says otherwise).
 */
export function saidByDefault(field: MetaField, side: AgentMeta, other: AgentMeta): boolean {
  if (side.dialect === other.dialect) return false
  const facts = dialect(side.dialect).readFact?.(field.key, field.value) ?? []
  // No fact: the field says its own dialect's default, which another dialect's default need not be.
  if (facts.length === 0) return false
  const there = dialect(other.dialect)
  const stated = new Set(other.fields.flatMap((f) => there.readFact?.(f.key, f.value) ?? []).map((f) => f.kind))
  return facts.every((f) => !stated.has(f.kind) && there.writeFact(f) === undefined)
}
