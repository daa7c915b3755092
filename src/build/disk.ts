// A file a build writes, as it is on disk now. Its line ends are the file's
// own (git with core.autocrlf checks text out with CRLF): a build compares
// and writes in them, as `normalize --write` keeps a file's, and what the
// build's records hash is the text with LF line ends, so that a sidecar, an
// inline stamp or a build record says the same on every checkout.
import { readFileSync } from 'node:fs'
import { withEol } from '../normalize.js'
import { lineEnds } from '../read/decode.js'
import { sha256 } from '../write/sidecar.js'

export type Eol = '\n' | '\r\n'

export interface OnDisk {
  /** The file's text as it is. */
  raw: string
  /** Its text with LF line ends: what it says, whatever its line ends. */
  text: string
  /** The line end it is written in (CRLF when most of its line ends are). */
  eol: Eol
  /** The SHA-256 of its bytes, checked again before the file is overwritten. */
  sha: string
}

/** The file at `path` as it is now; null when there is none to read. */
export function readOnDisk(path: string): OnDisk | null {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch {
    return null
  }
  const raw = bytes.toString('utf8')
  return { raw, text: raw.replace(/\r\n/g, '\n'), eol: lineEnds(raw).eol, sha: sha256(bytes) }
}

/** A text the build made (LF line ends) in the line ends of the file it replaces: LF when there is none. */
export function inLineEndsOf(text: string, file: OnDisk | null): string {
  return withEol(text, file?.eol ?? '\n')
}
