// The dialect registry: one entry per dialect. Everything else asks it (see
// registry.ts) instead of naming dialects; adding a tool is a file beside
// these, its import and its entry here (docs/development.md).
import { claude } from './claude.js'
import { copilot } from './copilot.js'
import { opencode } from './opencode.js'
import { registerDialect } from './registry.js'

// The default dialect (a file with no sign of another) first.
for (const spec of [claude, opencode, copilot]) registerDialect(spec)

export * from './registry.js'
export { readToolFields, respell, spellTool, spelledAnywhere, splitToolList, toolEntries, toolId, toolsMap } from './tools.js'
export { ALIAS_PINS, keptModel, pinned, readModel, spellModel } from './models.js'
export type { DialectSpec, Fact, FactWrite, Grant, ModelRef, SpelledModel, ToolsForm, WrittenTools } from './types.js'
