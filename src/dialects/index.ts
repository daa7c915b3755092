// The dialects' face: the questions every other module asks the default
// registry (built once from the fixed list in list.ts; see registry.ts)
// instead of naming dialects, and the tool and model helpers. Adding a tool
// is a file beside these and its entry in list.ts (docs/development.md).
import type { MetaField } from '../model.js'
import { registry } from './list.js'
import type { DialectSpec } from './types.js'

export { DIALECTS } from './list.js'
export { createRegistry, fieldsOf, type Registry } from './registry.js'
export { readToolFields, respell, spellTool, spelledAnywhere, splitToolList, toolEntries, toolId, toolsMap } from './tools.js'
export { ALIAS_PINS, keptModel, pinned, readModel } from './models.js'
export type { DialectSpec, Fact, FactWrite, Grant, ModelRef, SpelledModel, ToolsForm, WrittenTools } from './types.js'

export const dialects = (): readonly DialectSpec[] => registry.dialects()
/** The ids of the dialects, the default first. */
export const dialectIds = (): string[] => registry.dialectIds()
/** The dialect with this id; an unknown id is a usage error. */
export const dialect = (id: string): DialectSpec => registry.dialect(id)
/** Reads a dialect name as a user writes it: its id or one of its aliases, in any case. */
export const findDialect = (name: string): DialectSpec | undefined => registry.findDialect(name)
/** The agents folder a path lies in (`proj/.claude/agents`) and its dialect, or undefined. */
export const agentFolderOf = (path: string): { folder: string; dialect: DialectSpec } | undefined => registry.agentFolderOf(path)
/** The top folders the dialects keep their agents under, which a directory walk must enter. */
export const agentRootFolders = (): Set<string> => registry.agentRootFolders()
/** The dialect a file's location implies: the folder each tool reads, or a file name ending only one tool uses. */
export const dialectOfLocation = (path: string): DialectSpec | undefined => registry.dialectOfLocation(path)
/** The agent name a file would have without a `name` field. */
export const nameFromPath = (path: string): string => registry.nameFromPath(path)
/** The dialect a file follows: its location, else its fields, else the default. */
export const detectDialect = (fields: readonly MetaField[], path: string): DialectSpec => registry.detectDialect(fields, path)
/** Whether a key is a field of some dialect (as opposed to a custom one). */
export const knownField = (key: string): boolean => registry.knownField(key)
