// Whether an HTML statement is a piece of an element that other statements
// complete: `<details>` opening, its content in Markdown statements of its
// own, then `</details>`. Such a piece belongs to its input's element: two
// inputs' closing tags folded into one leave the other element open, and
// what follows it hidden inside. Tags are read as CommonMark reads raw HTML
// (a tag name, attributes, `>`); void elements and `<x/>` close themselves.
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*?)?(\/?)>/g
const COMMENT = /<!--[\s\S]*?-->/g
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr'])

/** The elements an HTML text leaves open and the ones it closes without opening them, by tag name in order. */
export function unmatchedTags(html: string): { closes: string[]; opens: string[] } {
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
