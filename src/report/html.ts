// The smallest HTML toolkit the report needs: escaping, attribute values,
// link targets that can do no harm, and stable ids. Every piece of text that
// comes from an agent file goes through `esc` (or `attr`) on its way out;
// the report builds HTML from strings, so that is the one rule to keep.

/** Text content: `&`, `<`, `>` escaped (and quotes, so it is safe in attributes too). */
export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'))
}

/** An attribute, ` name="value"`, escaped; nothing for undefined. */
export function attr(name: string, value: string | number | undefined): string {
  return value === undefined ? '' : ` ${name}="${esc(String(value))}"`
}

/**
 * A link target that is safe to follow from the report: http(s), mailto, or
 * an in-page anchor. Anything else (javascript:, data:, file:, relative paths
 * that would resolve beside the report file) gives undefined: the link text
 * is shown without a link.
 */
export function safeHref(url: string): string | undefined {
  const u = url.trim()
  if (/^#[\w-]*$/.test(u)) return u
  if (/^(?:https?:\/\/|mailto:)[^\s<>"'`]+$/i.test(u)) return u
  return undefined
}

/** Letters for the n-th input: A..Z, then AA, AB, ... */
export function letters(n: number): string {
  let s = ''
  let i = n
  do {
    s = String.fromCharCode(65 + (i % 26)) + s
    i = Math.floor(i / 26) - 1
  } while (i >= 0)
  return s
}

const plural = (n: number, one: string, many = one + 's'): string => `${n} ${n === 1 ? one : many}`
export { plural }

/** A row of figures: `<dl class="stats">` with one labelled number each. */
export function statsList(stats: Array<[label: string, value: number, className: string]>): string {
  return `<dl class="stats">${stats.map(([label, value, cls]) => `<div class="${cls}"><dt>${esc(label)}</dt><dd>${value}</dd></div>`).join('')}</dl>`
}
