// Repairs mojibake: UTF-8 text that was once decoded as Windows-1252 or Mac
// Roman and saved again, so that one emoji became a run of Latin letters
// (`ðŸŸ ` for 🟠, `‚öôÔ∏è` for ⚙️). Such a run maps back to bytes through the
// wrong code page; when those bytes are valid UTF-8 the run was mojibake.

export interface Repair {
  /** 1-based line of the run. */
  line: number
  column: number
  from: string
  to: string
  codepage: 'windows-1252' | 'macintosh'
}

type Reverse = Map<string, number>

// Windows-1252's 0x80-0x9F row; the rest of its upper half is Latin-1. It is
// spelled out because Node 20's TextDecoder decodes the label as Latin-1.
const cp1252Row = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

function windows1252(): Reverse {
  const table: Reverse = new Map()
  for (let byte = 0x80; byte <= 0xff; byte++) {
    // The five bytes that 1252 leaves undefined survive as C1 controls.
    table.set(byte < 0xa0 ? cp1252Row[byte - 0x80]! : String.fromCharCode(byte), byte)
  }
  return table
}

function macRoman(): Reverse {
  const decoder = new TextDecoder('macintosh')
  const table: Reverse = new Map()
  for (let byte = 0x80; byte <= 0xff; byte++) table.set(decoder.decode(Uint8Array.of(byte)), byte)
  return table
}

let tables: Array<[Repair['codepage'], Reverse]> | undefined
function codepages(): Array<[Repair['codepage'], Reverse]> {
  tables ??= [
    ['windows-1252', windows1252()],
    ['macintosh', macRoman()],
  ]
  return tables
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** Length of the UTF-8 sequence a lead byte opens, or 0 if it cannot lead one. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2
  if (lead >= 0xe0 && lead <= 0xef) return 3
  if (lead >= 0xf0 && lead <= 0xf4) return 4
  return 0
}

/**
 * Repairs the mojibake of one run of non-ASCII characters through one code
 * page, sequence by sequence, so that genuine accented letters next to a
 * broken emoji stay as they are.
 */
function repairRun(chars: string[], table: Reverse): { text: string; fixed: number } {
  let out = ''
  let fixed = 0
  let i = 0
  while (i < chars.length) {
    const lead = table.get(chars[i]!)
    const length = lead === undefined ? 0 : sequenceLength(lead)
    if (length > 0 && i + length <= chars.length) {
      const bytes: number[] = [lead!]
      for (let k = 1; k < length; k++) {
        const b = table.get(chars[i + k]!)
        if (b === undefined || b < 0x80 || b > 0xbf) break
        bytes.push(b)
      }
      if (bytes.length === length) {
        try {
          out += strictUtf8.decode(Uint8Array.from(bytes))
          fixed += length
          i += length
          continue
        } catch {
          // Not a valid sequence (overlong or surrogate): leave the chars.
        }
      }
    }
    out += chars[i]
    i++
  }
  return { text: out, fixed }
}

// Characters that a mis-decoded UTF-8 byte can become: everything outside
// ASCII in either code page, which is a superset of the Latin-1 range.
const suspect = /[\u0080-\uffff]{2,}/g

/** Finds and repairs mojibake runs; returns the text unchanged when there are none. */
export function repairMojibake(text: string): { text: string; repairs: Repair[] } {
  const repairs: Repair[] = []
  if (!/[\u0080-\uffff]{2}/.test(text)) return { text, repairs }
  const lineStarts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1)
  const result = text.replace(suspect, (run, offset: number) => {
    const chars = Array.from(run)
    let best: { text: string; fixed: number; codepage: Repair['codepage'] } | undefined
    for (const [codepage, table] of codepages()) {
      const attempt = repairRun(chars, table)
      if (attempt.fixed > 0 && (!best || attempt.fixed > best.fixed)) best = { ...attempt, codepage }
    }
    if (!best) return run
    let line = lineStarts.length
    while (lineStarts[line - 1]! > offset) line--
    repairs.push({ line, column: offset - lineStarts[line - 1]! + 1, from: run, to: best.text, codepage: best.codepage })
    return best.text
  })
  return { text: result, repairs }
}
