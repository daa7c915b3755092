// Turns the bytes of an input into text: strips a BOM, reads UTF-16 by its
// BOM, rejects binary and invalid UTF-8 with the line where they start,
// normalizes line endings to LF (remembering which one the file used) and
// repairs mojibake, or only warns of it, or keeps it, as asked.
import { isUtf8 } from 'node:buffer'
import { AgentError, warning } from '../errors.js'
import type { Diagnostic } from '../model.js'
import { makeRepairPlan, type RepairPlan } from './mojibake.js'

export interface Decoded {
  text: string
  eol: '\n' | '\r\n'
  bom: boolean
  warnings: Diagnostic[]
  /** Mojibake repaired or to warn of, settled once the text is parsed (read/mojibake.ts). */
  mojibake?: RepairPlan
}

/** What a read does with mojibake: repair it, keep it and warn of it, or keep it. */
export type MojibakeMode = 'repair' | 'warn' | 'keep'

/** How many line ends of each kind a text has, and the one it is written in: CRLF when most are, else LF. */
export function lineEnds(text: string): { crlf: number; lf: number; cr: number; eol: Decoded['eol'] } {
  let crlf = 0
  let lf = 0
  let cr = 0
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text[i + 1] === '\n') crlf++
    else cr++
  }
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lf++
  lf -= crlf
  return { crlf, lf, cr, eol: crlf > lf ? '\r\n' : '\n' }
}

export interface DecodeOptions {
  /**
   * What to do with mojibake: repair it with a warning (the default; what
   * normalize and the merge do), keep the bytes and only warn, naming the fix
   * (what convert does), or keep the bytes silently (`--no-repair`).
   */
  mojibake?: MojibakeMode
}

function lineAt(bytes: Uint8Array, end: number): number {
  let line = 1
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++
  return line
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    let need = 0
    let min = 0x80
    let max = 0xbf
    if (b < 0x80) { i++; continue }
    if (b >= 0xc2 && b <= 0xdf) need = 1
    else if (b >= 0xe0 && b <= 0xef) { need = 2; if (b === 0xe0) min = 0xa0; if (b === 0xed) max = 0x9f }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; if (b === 0xf0) min = 0x90; if (b === 0xf4) max = 0x8f }
    else return i
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || c < (k === 1 ? min : 0x80) || c > (k === 1 ? max : 0xbf)) return i
    }
    i += need + 1
  }
  return -1
}

// Control characters that never occur in text; one of them means binary.
function firstBinaryByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b && b !== 0x1b) return i
  }
  return -1
}

function decodeUtf16(bytes: Uint8Array, path: string, warnings: Diagnostic[]): string {
  const le = bytes[0] === 0xff
  const label = le ? 'utf-16le' : 'utf-16be'
  try {
    const text = new TextDecoder(label, { fatal: true }).decode(bytes.subarray(2))
    warnings.push(warning('utf16', `read as ${label.toUpperCase()} (by its byte order mark); output is UTF-8`, path))
    return text
  } catch {
    throw new AgentError('invalid-utf16', `invalid ${label.toUpperCase()} text after a ${label.toUpperCase()} byte order mark`, path)
  }
}

export function decode(bytes: Uint8Array, path: string, options: DecodeOptions = {}): Decoded {
  const warnings: Diagnostic[] = []
  let bom = false
  let text: string
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    text = decodeUtf16(bytes, path, warnings)
  } else {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      bom = true
      bytes = bytes.subarray(3)
    }
    const binary = firstBinaryByte(bytes)
    if (binary !== -1) {
      const hex = bytes[binary]!.toString(16).padStart(2, '0')
      throw new AgentError('binary', `binary content (byte 0x${hex}), not a text file`, path, lineAt(bytes, binary))
    }
    if (!isUtf8(bytes)) {
      const bad = firstInvalidUtf8(bytes)
      const hex = bytes[bad]!.toString(16).padStart(2, '0')
      throw new AgentError('invalid-utf8', `invalid UTF-8 (byte 0x${hex}); re-save the file as UTF-8`, path, lineAt(bytes, bad))
    }
    text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
  }
  if (text.trim() === '') throw new AgentError('empty', 'empty file: no frontmatter and no content', path)

  const { crlf, lf, cr, eol } = lineEnds(text)
  if (crlf + cr > 0) {
    if ((crlf > 0 && lf > 0) || cr > 0) {
      const name = eol === '\r\n' ? 'CRLF' : 'LF'
      warnings.push(warning('mixed-eol', `mixed line endings (${crlf} CRLF, ${lf} LF, ${cr} CR); writing ${name}`, path))
    }
    text = text.replace(/\r\n?/g, '\n')
  }

  const mode = options.mojibake ?? 'repair'
  if (mode !== 'keep') {
    const planned = makeRepairPlan(text, mode === 'repair')
    if (planned.plan) return { text: planned.text, eol, bom, warnings, mojibake: planned.plan }
  }
  return { text, eol, bom, warnings }
}
