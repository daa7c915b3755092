// Escaping text is the costly part of writing Markdown: for every text node,
// mdast-util-to-markdown's `safe` runs each unsafe pattern in scope (seventy
// with GFM) over the text and its neighbours, though most text (words,
// spaces, commas) holds no character that any pattern could escape. This text
// handler answers those nodes from one pass over their characters and hands
// every other node to the default handler, so the output is the same byte
// for byte (test/render.escape.test.ts holds it to that).
import type { Text } from 'mdast'
import { defaultHandlers, type Info, type State, type Unsafe } from 'mdast-util-to-markdown'

// The pattern lists are fixed per processor: index each by the character it
// escapes, once (ASCII, where nearly every such character is, by code).
interface PatternTable {
  ascii: Array<Unsafe[] | undefined>
  other: Map<string, Unsafe[]>
}
const tables = new WeakMap<readonly Unsafe[], PatternTable>()
// Each pattern's expression without the global flag, so testing keeps no state.
const expressions = new WeakMap<Unsafe, RegExp>()

function patternTable(unsafe: readonly Unsafe[]): PatternTable {
  let table = tables.get(unsafe)
  if (!table) {
    table = { ascii: new Array(128).fill(undefined), other: new Map() }
    for (const pattern of unsafe) {
      const code = pattern.character.charCodeAt(0)
      const list = code < 128 ? table.ascii[code] : table.other.get(pattern.character)
      if (list) list.push(pattern)
      else if (code < 128) table.ascii[code] = [pattern]
      else table.other.set(pattern.character, [pattern])
    }
    tables.set(unsafe, table)
  }
  return table
}

function expressionOf(state: State, pattern: Unsafe): RegExp {
  let expression = expressions.get(pattern)
  if (!expression) {
    const compiled = state.compilePattern(pattern)
    expression = new RegExp(compiled.source, compiled.flags.replace('g', ''))
    expressions.set(pattern, expression)
  }
  return expression
}

// The rule of mdast-util-to-markdown's own `patternInScope`, which it does
// not export.
function listInScope(stack: readonly string[], list: Unsafe['inConstruct'], none: boolean): boolean {
  if (typeof list === 'string') return stack.includes(list)
  if (!list || list.length === 0) return none
  return list.some((name) => stack.includes(name))
}

function inScope(stack: readonly string[], pattern: Unsafe): boolean {
  return listInScope(stack, pattern.inConstruct, true) && !listInScope(stack, pattern.notInConstruct, false)
}

/**
 * Whether `safe` would return `value` unchanged: it escapes only where a
 * pattern in scope matches with its character inside `value`, and backslashes
 * before punctuation. A pattern is tried on the same stretch `safe` gives it;
 * its `beforeNode` and `afterNode` conditions are taken as met, which can only
 * send more text to the default handler, never less.
 */
export function unchangedBySafe(state: State, value: string, info: Pick<Info, 'before' | 'after'>): boolean {
  const whole = info.before + value + info.after
  if (whole.includes('\\')) return false
  const table = patternTable(state.unsafe)
  const offset = info.before.length
  const end = offset + value.length
  // Each character's patterns are tried once, however often it occurs.
  const tried: Unsafe[][] = []
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    const patterns = code < 128 ? table.ascii[code] : table.other.get(value[i]!)
    if (!patterns || tried.includes(patterns)) continue
    tried.push(patterns)
    for (const pattern of patterns) {
      if (!inScope(state.stack, pattern)) continue
      const subject = whole.slice(pattern.beforeNode ? offset : 0, pattern.afterNode ? end : undefined)
      if (expressionOf(state, pattern).test(subject)) return false
    }
  }
  return true
}

/** remark-stringify's `text` handler, minus the escaping pass where it would change nothing. */
export function text(node: Text, parent: Parameters<typeof defaultHandlers.text>[1], state: State, info: Info): string {
  return unchangedBySafe(state, node.value, info) ? node.value : defaultHandlers.text(node, parent, state, info)
}
