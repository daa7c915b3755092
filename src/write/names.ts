// File names derived from agent data (convert --out-dir names a file after
// the agent's `name`) are made one plain path component: a name is never a
// path. Separators, control characters and characters some file systems
// refuse become `-`, leading dots, dashes and spaces go (no `..`, no hidden
// file, no option-like name), a long name is cut to a length every file
// system takes (in bytes, between characters, dots and spaces it leaves at
// the end dropped again), and an empty result falls back to `agent`.
const UNSAFE = /[/\\\u0000-\u001f\u007f<>:"|?*]/g
/** UTF-8 bytes of a name, below the 255 most file systems allow a path component, with room for a suffix (`.agent.md`). */
const MAX_BYTES = 200

export function safeFileName(name: string): string {
  const out = cut(name.normalize('NFC').replace(UNSAFE, '-').replace(/^[.\s-]+/, '')).replace(/[.\s]+$/, '')
  return out === '' ? 'agent' : out
}

/** The longest start of `text` within MAX_BYTES, cut between characters (a surrogate pair is never split). */
function cut(text: string): string {
  let bytes = 0
  let end = 0
  for (const ch of text) {
    bytes += Buffer.byteLength(ch, 'utf8')
    if (bytes > MAX_BYTES) break
    end += ch.length
  }
  return text.slice(0, end)
}
