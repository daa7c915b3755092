// Creating the directories a write needs. Node's recursive mkdir loops
// forever under some pseudo file systems (`/proc/self/x`), so each missing
// directory is made on its own, from the nearest one that exists, and any
// refusal is an error instead of a retry.
import { mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { AgentError } from '../errors.js'

/** Makes `dir` and its missing parents; throws when one cannot be made or a part is not a directory. */
export function makeDirs(dir: string): void {
  const missing: string[] = []
  let d = resolve(dir)
  for (;;) {
    let isDir: boolean
    try {
      isDir = statSync(d).isDirectory()
    } catch {
      missing.push(d)
      const parent = dirname(d)
      if (parent === d) break
      d = parent
      continue
    }
    if (!isDir) throw new AgentError('not-a-directory', `${d} is not a directory`, dir)
    break
  }
  for (const m of missing.reverse()) {
    try {
      mkdirSync(m)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(m).isDirectory()) continue
      throw new AgentError('mkdir-failed', `cannot create ${m} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, dir)
    }
  }
}
