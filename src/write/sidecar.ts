// The provenance sidecar names the output it belongs to by the SHA-256 of
// the output's bytes, so that a reader can tell a mismatched pair (a crash
// between the two renames, or an output edited by hand) from a matching one.
import { createHash } from 'node:crypto'
import { writeFilesAtomic, type WriteOptions } from './atomic.js'

export const sha256 = (content: string | Uint8Array): string => createHash('sha256').update(content).digest('hex')

/** The sidecar JSON with `"output": {"sha256": ...}` after its version line (or its opening brace). */
export function stampSidecar(json: string, output: string | Uint8Array): string {
  const line = `  "output": ${JSON.stringify({ sha256: sha256(output) })},\n`
  const version = /^\{\n {2}"version": [^\n]*,\n/.exec(json)
  if (version) return json.slice(0, version[0].length) + line + json.slice(version[0].length)
  return json.replace(/^\{\n/, `{\n${line}`)
}

/** Whether a sidecar's recorded output hash is that of `output` (false when it records none). */
export function sidecarMatches(sidecarJson: string, output: string | Uint8Array): boolean {
  try {
    const recorded = (JSON.parse(sidecarJson) as { output?: { sha256?: unknown } }).output?.sha256
    return recorded === sha256(output)
  } catch {
    return false
  }
}

/** Writes an output and its stamped sidecar as one pair: the output renamed first, under both locks. */
export function writeWithSidecar(output: string, text: string, sidecar: string, sidecarJson: string, options: WriteOptions = {}): void {
  writeFilesAtomic([{ path: output, content: text }, { path: sidecar, content: stampSidecar(sidecarJson, text) }], options)
}
