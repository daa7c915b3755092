// The dialects' face: the default registry, built once from the fixed list in
// list.ts, whose answers every other module asks instead of naming dialects
// (each documented once, on the Registry interface in registry.ts), and the
// tool and model helpers. Adding a tool is a file beside these and its entry
// in list.ts (docs/development.md).
import { DIALECTS } from './list.js'
import { createRegistry } from './registry.js'

export { DIALECTS }
export { createRegistry, fieldsOf, type Registry } from './registry.js'
export { REPLACED_BY, sameUseReplacement, deniedWhole, heldByReplacement, readAllowlist, readToolFields, respell, spellTool, splitArgs, splitToolList, toolEntries, toolsMap } from './tools.js'
export { combinePermits, grantsOf, keyOf, missing, nearKey, permitsOf, samePermits, type Missing, type Permit, type Permits } from './permits.js'
export { ALIAS_PINS, keptModel, pinned, readModel } from './models.js'
export type { DialectSpec, Fact, FactWrite, Grant, ModelRef, ReadTools, SpelledModel, ToolNames, ToolNote, ToolsForm, WriteToolsOptions, WrittenTools } from './types.js'

export const { dialects, dialectIds, dialect, findDialect, agentFolderOf, agentRootFolders, dialectOfLocation, nameFromPath, detectDialect, knownField, toolNames, toolId, spelledAnywhere } = createRegistry(DIALECTS)
