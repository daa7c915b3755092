// The dialects' face: the default registry, built once from the fixed list in
// list.ts, whose answers every other module asks instead of naming dialects
// (each documented once, on the Registry interface in registry.ts), and the
// tool and model helpers. Adding a tool is a file beside these and its entry
// in list.ts (docs/development.md).
import type { AgentMeta, MetaField } from '../model.js'
import { DIALECTS } from './list.js'
import { createRegistry } from './registry.js'
import type { ReadTools } from './types.js'

export { DIALECTS }
export { createRegistry, fieldsOf, type Registry } from './registry.js'
export { CANONICAL_TOOLS, REPLACED_BY, sameUseReplacement, deniedWhole, heldByReplacement, oldNameFact, readAllowlist, readToolFields, respell, spellTool, splitArgs, splitToolList, standsAlone, toolEntries, toolsMap } from './tools.js'
export { combinePermits, covers as patternCovers, grantsOf, keyOf, missing, nearKey, permitsOf, samePattern, samePermits, unknownName, type Missing, type Permit, type Permits } from './permits.js'
export { ALIAS_PINS, keptModel, modelFamily, pinned, readModel } from './models.js'
export type { DialectSpec, Fact, FactWrite, Grant, ModelRef, ReadTools, SpelledModel, ToolNames, ToolNote, ToolProblem, ToolsForm, WriteToolsOptions, WrittenTools } from './types.js'

export const { dialects, dialectIds, dialect, findDialect, agentFolderOf, agentRootFolders, dialectOfLocation, nameFromPath, detectDialect, knownField, toolNames, toolId, spelledAnywhere } = createRegistry(DIALECTS)

/**
 * The tool and rule fields of an agent in its own dialect (or those of
 * `keys`), in that order: what the merge decides on and `diff` compares,
 * read by one reading (readMetaToolFields), so that `tools: Read, Write` and
 * an OpenCode map granting the same are the same grants.
 */
export function metaToolFields(meta: AgentMeta, keys?: readonly string[]): MetaField[] {
  const own = dialect(meta.dialect).tools
  return (keys ?? [...own.fields, ...(own.ruleFields ?? [])]).map((k) => meta.fields.find((f) => f.key === k)).filter((f): f is MetaField => f !== undefined)
}

/** Tool fields as the agent's dialect reads them. */
export const readMetaToolFields = (meta: AgentMeta, fields: readonly MetaField[]): ReadTools => dialect(meta.dialect).tools.read(Object.fromEntries(fields.map((f) => [f.key, f.value])), toolNames)
