// What an agent's own tool and rule fields (`tools`, Claude Code's
// `disallowedTools`, OpenCode's `permission`) grant, as its dialect reads
// them: the one reading that the merge decides on and that `diff` compares,
// so that `tools: Read, Write` and an OpenCode map granting the same are the
// same grants, and a map that leaves every other tool on is not.
import type { AgentMeta, MetaField } from '../model.js'
import { dialect, toolNames } from './index.js'
import type { ReadTools } from './types.js'

/** The tool and rule fields of an agent in its own dialect (or those of `keys`), in that order. */
export function toolFieldsOf(meta: AgentMeta, keys?: readonly string[]): MetaField[] {
  const own = dialect(meta.dialect).tools
  return (keys ?? [...own.fields, ...(own.ruleFields ?? [])]).map((k) => meta.fields.find((f) => f.key === k)).filter((f): f is MetaField => f !== undefined)
}

/** Tool fields as the agent's dialect reads them. */
export const readFields = (meta: AgentMeta, fields: readonly MetaField[]): ReadTools => dialect(meta.dialect).tools.read(Object.fromEntries(fields.map((f) => [f.key, f.value])), toolNames)
