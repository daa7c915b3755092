// The merge driver's bench input: base, ours and theirs of one agent with N
// statements (bullets under sections of 50), ours rewording every 100th and
// adding a bullet to every 10th section, theirs rewording every 100th (other
// ones) and deleting a few, so that the merge is clean and touches every
// part of the file. Used by the `driver` row of bench/run.mjs.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

const WORDS = ['review', 'tests', 'schema', 'latency', 'cache', 'queue', 'token', 'index', 'retry', 'budget', 'audit', 'deploy', 'rollback', 'metric', 'alert', 'shard']
const sentence = (i) => `Rule ${i}: check the ${WORDS[i % 16]} and the ${WORDS[(i * 7) % 16]} before the ${WORDS[(i * 11) % 16]} of item ${i}.`

function agentText(n, edit) {
  const lines = ['---', 'name: bench-driver', 'description: a long agent for the driver bench', '---', '']
  for (let s = 0; s * 50 < n; s++) {
    lines.push(`## Section ${s}`, '')
    for (let i = s * 50; i < Math.min(n, (s + 1) * 50); i++) {
      const text = edit(i)
      if (text !== null) lines.push(`- ${text}`)
    }
    if (edit === ours && s % 10 === 0) lines.push(`- Added by ours in section ${s}.`)
    lines.push('')
  }
  return lines.join('\n')
}

const base = (i) => sentence(i)
function ours(i) {
  return i % 100 === 10 ? `${sentence(i)} Ours adds a clause.` : sentence(i)
}
const theirs = (i) => (i % 100 === 60 ? `${sentence(i)} Theirs adds a clause.` : i % 500 === 250 ? null : sentence(i))

/** Writes o.md, a.md and b.md with `n` statements into `dir`; returns their paths. */
export function writeDriverCorpus(dir, n) {
  const files = { o: join(dir, `o-${n}.md`), a: join(dir, `a-${n}.md`), b: join(dir, `b-${n}.md`) }
  writeFileSync(files.o, agentText(n, base))
  writeFileSync(files.a, agentText(n, ours))
  writeFileSync(files.b, agentText(n, theirs))
  return files
}
