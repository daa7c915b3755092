// The dialects agentmerge knows, a fixed list (index.ts builds the default
// registry from it). Adding a tool is a file beside this one, its import and
// its entry in DIALECTS (docs/development.md).
import { claude } from './claude.js'
import { copilot } from './copilot.js'
import { opencode } from './opencode.js'
import type { DialectSpec } from './types.js'

/** The default dialect (a file with no sign of another) first. */
export const DIALECTS: readonly DialectSpec[] = [claude, opencode, copilot]
