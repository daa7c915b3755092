// File names derived from agent data (convert --out-dir names a file after
// the agent's `name`) are made one plain path component: a name is never a
// path. Separators, control characters and characters some file systems
// refuse become `-`, leading dots, dashes and spaces go (no `..`, no hidden
// file, no option-like name), and an empty result falls back to `agent`.
const UNSAFE = /[/\\\u0000-\u001f\u007f<>:"|?*]/g
const MAX_LENGTH = 200

export function safeFileName(name: string): string {
  let out = name.normalize('NFC').replace(UNSAFE, '-').replace(/^[.\s-]+/, '').replace(/[.\s]+$/, '')
  if (out.length > MAX_LENGTH) out = out.slice(0, MAX_LENGTH)
  return out === '' ? 'agent' : out
}
