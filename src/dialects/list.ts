// The dialects agentmerge knows, a fixed list, and the registry built once
// from it that every other module asks (through index.ts). Adding a tool is a
// file beside this one, its import and its entry in DIALECTS
// (docs/development.md).
import { claude } from './claude.js'
import { copilot } from './copilot.js'
import { opencode } from './opencode.js'
import { createRegistry, type Registry } from './registry.js'
import type { DialectSpec } from './types.js'

/** The default dialect (a file with no sign of another) first. */
export const DIALECTS: readonly DialectSpec[] = [claude, opencode, copilot]

export const registry: Registry = createRegistry(DIALECTS)
