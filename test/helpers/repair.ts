// What the pipeline repaired in a text, read as a file is (parseAgent with
// the default mojibake repair): the decoded body and each repair its
// warning names, with its place and code page.
import { parseAgent } from '../../src/index.js'

const WARNING = /^repaired mojibake ("(?:[^"\\]|\\.)*") -> ("(?:[^"\\]|\\.)*") \(UTF-8 once read as (Mac Roman|Windows-1252)\)/

export interface Repaired {
  line: number | undefined
  column: number | undefined
  from: string
  to: string
  codepage: 'macintosh' | 'windows-1252'
}

export function repaired(text: string): { text: string | undefined; repairs: Repaired[] } {
  const agent = parseAgent(text, 'x.md')
  const repairs = agent.warnings.flatMap((w) => {
    const m = w.code === 'mojibake' ? WARNING.exec(w.message) : null
    return m ? [{ line: w.line, column: w.column, from: JSON.parse(m[1]!) as string, to: JSON.parse(m[2]!) as string, codepage: m[3] === 'Mac Roman' ? ('macintosh' as const) : ('windows-1252' as const) }] : []
  })
  return { text: agent.body, repairs }
}
