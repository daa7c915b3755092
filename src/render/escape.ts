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
// escapes, once.
const byCharacter = new WeakMap<readonly Unsafe[], Map<string, Unsafe[]>>()
// Each pattern's expression without the global flag, so testing keeps no state.
const expressions = new WeakMap<Unsafe, RegExp>()

function patternsByCharacter(unsafe: readonly Unsafe[]): Map<string, Unsafe[]> {
  let table = byCharacter.get(unsafe)
  if (!table) {
    table = new Map()
    for (const pattern of unsafe) {
      const list = table.get(pattern.character)
      if (list) list.push(pattern)
      else table.set(pattern.character, [pattern])
    }
    byCharacter.set(unsafe, table)
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
  const table = patternsByCharacter(state.unsafe)
  const offset = info.before.length
  const end = offset + value.length
  let tried = ''
  for (let i = 0; i < value.length; i++) {
    const character = value[i]!
    const patterns = table.get(character)
    if (!patterns || tried.includes(character)) continue
    tried += character
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
