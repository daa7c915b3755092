// A built file with inline provenance carries the hash of itself as built, in
// its notes, as a sidecar carries the hash of its output: a later build can
// then tell a file no one touched (stale when a source changed, whatever the
// change) from one edited by hand. The source refs in the notes cannot tell
// them apart: a statement whose source line changed and one a person edited
// both differ from the text their ref points at now.
import { sha256 } from '../write/sidecar.js'

const NOTES = '<!-- agentmerge-provenance v1\n'
const STAMP = /^built: sha256 ([0-9a-f]{64}) of this file without this line\n/

/** Where the stamp line goes: right after the opening of the last notes comment, or -1 without notes. */
function stampAt(text: string): number {
  const at = text.lastIndexOf(NOTES)
  return at === -1 ? -1 : at + NOTES.length
}

/** The text with its stamp line in its notes (the text itself when it has no notes). */
export function stampBuilt(text: string): string {
  const at = stampAt(text)
  if (at === -1) return text
  return `${text.slice(0, at)}built: sha256 ${sha256(text)} of this file without this line\n${text.slice(at)}`
}

/** Whether the text is, byte for byte, what a build stamped (false when it carries no stamp). */
export function stampMatches(text: string): boolean {
  const at = stampAt(text)
  if (at === -1) return false
  const stamp = STAMP.exec(text.slice(at))
  return stamp !== null && sha256(text.slice(0, at) + text.slice(at + stamp[0].length)) === stamp[1]
}
