// Diffs of several agents: pairing the agents of two directories (by agent
// name, then by file name; the unpaired ones are added or removed agents)
// and the totals over all of them.
import { basename } from 'node:path'
import type { Agent } from '../model.js'
import { emptyCounts } from './diff.js'
import { hasChanges, type AgentDiff, type DiffReport } from './model.js'

/** Pairs OLD and NEW agents by agent name, then by file name; unpaired ones stand alone; sorted by `sortKey` (default: the path). */
export function pairAgents<T extends { agent: Agent }>(olds: T[], news: T[], sortKey: (x: T) => string = (x) => x.agent.path): Array<{ old: T | null; new: T | null }> {
  const out: Array<{ old: T | null; new: T | null }> = []
  const usedO = new Set<number>()
  const usedN = new Set<number>()
  const zip = (keyOf: (x: T) => string) => {
    const byKey = new Map<string, number[]>()
    olds.forEach((x, i) => {
      if (usedO.has(i)) return
      const k = keyOf(x)
      const list = byKey.get(k)
      if (list) list.push(i)
      else byKey.set(k, [i])
    })
    news.forEach((y, j) => {
      if (usedN.has(j)) return
      const i = byKey.get(keyOf(y))?.shift()
      if (i === undefined) return
      usedO.add(i)
      usedN.add(j)
      out.push({ old: olds[i]!, new: y })
    })
  }
  // Agent name first; among agents of one name (copies under other file
  // names) the same file pairs before any other.
  zip((x) => `${x.agent.meta.name}\u0000${sortKey(x)}`)
  zip((x) => x.agent.meta.name)
  zip((x) => basename(x.agent.path))
  olds.forEach((x, i) => {
    if (!usedO.has(i)) out.push({ old: x, new: null })
  })
  news.forEach((y, j) => {
    if (!usedN.has(j)) out.push({ old: null, new: y })
  })
  const keyOf = (p: { old: T | null; new: T | null }) => sortKey((p.new ?? p.old)!)
  return out.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0))
}

/**
 * The diff of an agent whose file was renamed (OLD's path is not NEW's where
 * the paths name the same file: a git rename, a file of two directories
 * paired by agent name under another name): a change of its own.
 */
export function asRenamed(d: AgentDiff): AgentDiff {
  return { ...d, status: d.status === 'unchanged' ? 'renamed' : d.status, counts: { ...d.counts, renamed: 1 } }
}

/** A report over the diffs of several agents, with totals. */
export function diffReport(files: AgentDiff[]): DiffReport {
  const counts = { ...emptyCounts(), files: files.length, changedFiles: 0 }
  for (const f of files) {
    for (const k of Object.keys(f.counts) as Array<keyof AgentDiff['counts']>) counts[k] += f.counts[k]
    if (hasChanges(f.counts)) counts.changedFiles++
  }
  return { files, counts }
}

/** A report from a report or from one agent's diff (what the formatters take). */
export function toReport(x: DiffReport | AgentDiff): DiffReport {
  return 'files' in x ? x : diffReport([x])
}
