// `agentmerge dedup`: the groups of statements that say the same thing,
// readable (largest spread first, as a lint) or as the stable JSON.
import { at, dedupCached, dedupJson, groupingCacheFor, profileAhead, type DedupGroup } from '../../dedup/index.js'
import { bestWording } from '../../merge/index.js'
import { ProfileMemo } from '../../similarity/index.js'
import { EXIT, loadOptions, Run, type GlobalOptions } from '../shell.js'
import { agentsOf, findInputs, onceEach, pathsOrStdin, readInputs } from '../inputs.js'
import type { CliIo } from '../io.js'
import { byCodeUnits } from '../../order.js'

export interface DedupCommandOptions extends GlobalOptions {
  json?: boolean
  explain?: boolean
  minAgents?: number
  check?: boolean
  threshold?: number
}


function describeGroup(g: DedupGroup): string {
  const where = g.agents === 1 ? `repeated ${g.statements.length} times in 1 agent` : `in ${g.agents} agents${g.statements.length > g.agents ? ` (${g.statements.length} statements)` : ''}`
  const text = bestWording(g.statements).text
  return `${where}: ${text.length > 100 ? text.slice(0, 97) + '...' : text}`
}

export async function dedupCommand(paths: string[], options: DedupCommandOptions, io: CliIo): Promise<number> {
  const run = new Run(options, io)
  const files = onceEach(run, findInputs(run, pathsOrStdin(run, paths, 'dedup')))
  // A bad input is reported in one line; the others are still read, and
  // their statements profiled for grouping as they arrive from the parse workers.
  const memo = new ProfileMemo()
  const agents = agentsOf(await readInputs(run, files, files.length > 1 ? { onAgent: profileAhead(memo) } : {}))
  if (agents.length === 0) {
    if (options.json) run.out(JSON.stringify({ groups: [], errors: run.errors }) + '\n')
    return (run.flag(EXIT.trouble), run.code)
  }
  // With --cache, the grouping of unchanged inputs is read back, not computed.
  const result = dedupCached(agents, options.threshold !== undefined ? { threshold: options.threshold } : {}, groupingCacheFor(loadOptions(options, io).cache), memo)
  if (options.json) {
    // The files that could not be read are in the JSON too (errors, as every JSON output has them).
    run.out(JSON.stringify({ ...dedupJson(result, options.explain === true), errors: run.errors }) + '\n')
    if (options.check && result.groups.some((g) => g.statements.length > 1)) run.flag(EXIT.changes)
    return run.code
  }
  // Checked by the command (a whole number, 1 or more).
  const min = options.minAgents ?? 1
  const shown = result.groups
    .filter((g) => g.statements.length > 1 && g.agents >= min)
    .map((g) => ({ g, head: describeGroup(g) }))
    .sort((x, y) => y.g.agents - x.g.agents || y.g.statements.length - x.g.statements.length || byCodeUnits(x.head, y.head))
  const out: string[] = []
  for (const { g, head } of shown) {
    out.push(head)
    const width = Math.max(...g.statements.map((s) => at(s).length))
    for (const s of g.statements) out.push(`  ${at(s).padEnd(width)}  ${s.text}`)
    if (options.explain) {
      // Statements of equal terms (or identical code) were collapsed before scoring: their note says so, no terms are listed.
      for (const r of g.reasons) out.push(`    ${at(r.a)} ~ ${at(r.b)}: score ${r.score.toFixed(2)}${r.shared.length > 0 ? `, shared ${r.shared.join(', ')}` : ''}${r.note ? ` (${r.note})` : ''}`)
    }
    out.push('')
  }
  run.out(out.join('\n'))
  const folded = shown.reduce((n, x) => n + x.g.statements.length, 0)
  const wide = shown.filter((x) => x.g.agents > 1).length
  run.note(`dedup: ${result.statements.length} statements in ${agents.length} file${agents.length === 1 ? '' : 's'}; ${shown.length} group${shown.length === 1 ? '' : 's'} listed (${folded} statements), ${wide} across files`)
  if (options.check && shown.length > 0) run.flag(EXIT.changes)
  return run.code
}
