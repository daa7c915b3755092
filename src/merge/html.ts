// HTML elements written around Markdown statements in a merge: `<details>`
// opening, its content in Markdown statements of its own, then
// `</details>`. Each piece belongs to its input's element: two inputs'
// closing tags folded into one leave the other element open and what
// follows it hidden. Here: which statements are pieces and of which
// elements (tags read as CommonMark reads raw HTML: a tag name, attributes,
// `>`; void elements and `<x/>` close themselves), and what a piece folds
// by; the consensus core's rule that an element is written whole is in
// stages.ts.
import type { Statement } from '../model.js'
import { bySource } from '../order.js'

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*?)?(\/?)>/g
const COMMENT = /<!--[\s\S]*?-->/g
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr'])

/** The elements an HTML text leaves open and the ones it closes without opening them, by tag name in order. */
function unmatchedTags(html: string): { closes: string[]; opens: string[] } {
  const opens: string[] = []
  const closes: string[] = []
  for (const [, closing, name, selfClosing] of html.replace(COMMENT, ' ').matchAll(TAG)) {
    const tag = name!.toLowerCase()
    if (VOID.has(tag) || selfClosing) continue
    if (!closing) opens.push(tag)
    else if (opens[opens.length - 1] === tag) opens.pop()
    else closes.push(tag)
  }
  return { closes, opens }
}

/** Whether the HTML opens an element it does not close, or closes one it did not open. */
export function isHtmlFragment(html: string): boolean {
  const { closes, opens } = unmatchedTags(html)
  return closes.length > 0 || opens.length > 0
}

/** One HTML element written around Markdown statements: its opening and closing pieces and the statements between them. */
export interface HtmlElement {
  opener: Statement
  closer: Statement
  /** The statements between, in source order, pieces of nested elements included. */
  inside: Statement[]
}

/** The elements of one input's statements: each closing piece paired with the last open element of its tag. */
export function htmlElements(statements: readonly Statement[]): HtmlElement[] {
  // Most inputs hold no HTML: nothing to sort.
  if (!statements.some((st) => st.kind === 'html')) return []
  const ordered = statements.slice().sort(bySource)
  const out: HtmlElement[] = []
  const open: Array<{ piece: Statement; at: number; tag: string }> = []
  ordered.forEach((st, at) => {
    if (st.kind !== 'html') return
    const { closes, opens } = unmatchedTags(st.text)
    for (const tag of closes) {
      const k = open.map((o) => o.tag).lastIndexOf(tag)
      if (k === -1) continue
      const [opener] = open.splice(k)
      out.push({ opener: opener!.piece, closer: st, inside: ordered.slice(opener!.at + 1, at) })
    }
    for (const tag of opens) open.push({ piece: st, at, tag })
  })
  return out
}

/**
 * For each piece of an HTML element, what it folds by: the same for the
 * pieces of two inputs' elements that open and close alike (`<details>
 * <summary>Checklist</summary>` ... `</details>`), so that an element two
 * inputs share is written once, holding what either puts in it; unique
 * otherwise (a piece of no element, or of elements that open differently),
 * so that two elements are never closed by one piece.
 */
export function pieceKeys(byInput: ReadonlyArray<readonly Statement[]>): Map<Statement, string> {
  const keys = new Map<Statement, string[]>()
  const add = (st: Statement, key: string) => keys.set(st, [...(keys.get(st) ?? []), key])
  for (const statements of byInput) {
    for (const el of htmlElements(statements)) {
      const key = [el.opener.norm, el.closer.norm].join('\u0001')
      add(el.opener, `opens ${key}`)
      add(el.closer, `closes ${key}`)
    }
  }
  const out = new Map<Statement, string>()
  for (const [st, list] of keys) out.set(st, list.sort().join('\u0002'))
  return out
}
