// The dialect registry: one line per dialect. Everything else asks it (see
// registry.ts) instead of naming dialects; adding a tool is a file beside
// these and a line here (docs/development.md).
import { claude } from './claude.js'
import { copilot } from './copilot.js'
import { opencode } from './opencode.js'
import { registerDialect } from './registry.js'

registerDialect(claude)
registerDialect(opencode)
registerDialect(copilot)

export * from './registry.js'
export { CANONICAL_TOOLS, readGrant, respell, spellTool, spelledAnywhere, splitToolList, toolEntries, toolId, toolsMap } from './tools.js'
export { ALIAS_PINS, readModel, spellModel } from './models.js'
export { slugName } from './claude.js'
export type { DialectSpec, Fact, FactWrite, Grant, ModelRef, SpelledModel, ToolsForm, WrittenTools } from './types.js'
