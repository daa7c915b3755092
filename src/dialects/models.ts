// Model names across dialects, the part they share: every spelling (a Claude
// Code alias or id, OpenCode's `provider/model-id`, a Copilot display name
// such as `Claude Sonnet 4.5 (copilot)`) is read into one form, a provider and
// a model id; each dialect writes that form in its own spelling (its file).
import type { DialectSpec, ModelRef, SpelledModel } from './types.js'

export type { ModelRef, SpelledModel }

/**
 * What each Claude Code alias stands for when a target has no aliases. The
 * aliases move with new releases; these are the models they named when this
 * table was written, and a conversion that pins one says so.
 */
export const ALIAS_PINS: Record<'sonnet' | 'opus' | 'haiku', string> = {
  sonnet: 'claude-sonnet-4-5',
  opus: 'claude-opus-4-1',
  haiku: 'claude-haiku-4-5',
}

const PROVIDER_OF: Array<[RegExp, string]> = [
  [/^claude-/, 'anthropic'],
  [/^(gpt-|o\d|chatgpt-)/, 'openai'],
  [/^gemini-/, 'google'],
  [/^grok-/, 'xai'],
]

function providerOf(id: string): string | undefined {
  return PROVIDER_OF.find(([re]) => re.test(id))?.[1]
}

/** `Claude Sonnet 4.5 (copilot)` -> `claude-sonnet-4-5`; `GPT-4.1` -> `gpt-4.1`; `Gemini 2.5 Pro` -> `gemini-2.5-pro`. */
function idFromDisplay(display: string): string | undefined {
  const name = display.replace(/\s*\([^)]*\)\s*$/, '').trim()
  let m = /^claude\s+(sonnet|opus|haiku)\s+(\d+)(?:\.(\d+))?$/i.exec(name)
  if (m) {
    const family = m[1]!.toLowerCase()
    // Before Claude 4 the ids put the version first: claude-3-5-sonnet.
    if (Number(m[2]) < 4) return `claude-${m[2]}${m[3] ? '-' + m[3] : ''}-${family}`
    return `claude-${family}-${m[2]}${m[3] ? '-' + m[3] : ''}`
  }
  m = /^claude\s+(\d+(?:\.\d+)?)\s+(sonnet|opus|haiku)$/i.exec(name)
  if (m) return `claude-${m[1]!.replace('.', '-')}-${m[2]!.toLowerCase()}`
  m = /^gpt-?(\d[\w.]*)(?:\s+(mini|nano|codex))?$/i.exec(name)
  if (m) return `gpt-${m[1]!.toLowerCase()}${m[2] ? '-' + m[2].toLowerCase() : ''}`
  m = /^gemini\s+(\d+(?:\.\d+)?)\s+(pro|flash)$/i.exec(name)
  if (m) return `gemini-${m[1]}-${m[2]!.toLowerCase()}`
  m = /^(o\d(?:-mini)?)$/i.exec(name)
  if (m) return m[1]!.toLowerCase()
  return undefined
}

/** `claude-sonnet-4-5` -> `Claude Sonnet 4.5`; a dated id loses its date. */
export function displayFromId(id: string): string | undefined {
  const bare = id.replace(/-\d{8}$/, '').replace(/-latest$/, '')
  let m = /^claude-(sonnet|opus|haiku)-(\d+)(?:-(\d))?$/.exec(bare)
  if (m) return `Claude ${cap(m[1]!)} ${m[2]}${m[3] ? '.' + m[3] : ''}`
  m = /^claude-(\d)-(\d)-(sonnet|opus|haiku)$/.exec(bare)
  if (m) return `Claude ${cap(m[3]!)} ${m[1]}.${m[2]}`
  m = /^gpt-(\d[\w.]*?)(?:-(mini|nano|codex))?$/.exec(bare)
  if (m) return `GPT-${m[1]}${m[2] ? ' ' + cap(m[2]) : ''}`
  m = /^gemini-(\d+(?:\.\d+)?)-(pro|flash)$/.exec(bare)
  if (m) return `Gemini ${m[1]} ${cap(m[2]!)}`
  if (/^o\d(-mini)?$/.test(bare)) return bare
  return undefined
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/** Reads a `model` value written in a dialect. */
export function readModel(written: string, spec: DialectSpec): ModelRef {
  const value = written.trim()
  const lower = value.toLowerCase()
  if (lower === 'inherit') return { kind: 'inherit' }
  if (lower === 'sonnet' || lower === 'opus' || lower === 'haiku') return { kind: 'alias', family: lower }
  const slash = value.indexOf('/')
  if (slash > 0) return { kind: 'model', provider: value.slice(0, slash).toLowerCase(), id: value.slice(slash + 1), written: value }
  const provider = providerOf(lower)
  if (provider && /^[a-z0-9][\w.-]*$/.test(lower)) return { kind: 'model', provider, id: lower, written: value }
  if (spec.models.displayNames === true || /\s/.test(value)) {
    const id = idFromDisplay(value)
    const p = id ? providerOf(id) : undefined
    if (id && p) return { kind: 'model', provider: p, id, written: value }
  }
  return { kind: 'unknown', written: value }
}

/**
 * The Claude family a model belongs to (`sonnet`, `opus`, `haiku`): its
 * alias's, or an Anthropic id's, dated or not (`claude-sonnet-4-20250514`,
 * `claude-3-5-haiku`); undefined for any other model.
 */
export function modelFamily(ref: ModelRef): 'sonnet' | 'opus' | 'haiku' | undefined {
  if (ref.kind === 'alias') return ref.family
  if (ref.kind !== 'model' || ref.provider !== 'anthropic') return undefined
  const m = /^claude-(?:(sonnet|opus|haiku)-\d|\d+(?:-\d+)?-(sonnet|opus|haiku)(?:-|$))/.exec(ref.id.toLowerCase())
  return m ? ((m[1] ?? m[2]) as 'sonnet' | 'opus' | 'haiku') : undefined
}

/** The note for an alias pinned to a model in a target without aliases. */
export function pinned(family: string, value: string, title: string): SpelledModel {
  return { value, note: `model alias '${family}' has no ${title} spelling; pinned to '${value}'` }
}

/** A name no table reads: kept as written, with a note. */
export function keptModel(written: string): SpelledModel {
  return { value: written, note: `model '${written}' is not a model name agentmerge knows; kept as written` }
}
