// The library's public surface, pinned: the package exports exactly the
// functions the README's Library section lists (checked at run time and in
// the types, and against the README's table), and the main entry points keep
// their signatures. `expectTypeOf` is checked by `npm run typecheck`.
import { readFileSync } from 'node:fs'
import { describe, expect, expectTypeOf, it } from 'vitest'
import * as api from '../src/index.js'
import type { Agent, AgentDiff, DedupOptions, DedupResult, Dialect, DiffOptions, DiffReport, Finding, LintOptions, Loaded, LoadOptions, Merge3Options, Merge3Result, MergeOptions, MergeResult, ParseOptions, ProvenanceMode, Section, Statement, TextOptions } from '../src/index.js'
import { ROOT } from './helpers/cli.js'

const EXPORTS = [
  'AgentError',
  'FOLD_OPTIONS',
  'FOLD_THRESHOLD',
  'VERSION',
  'convertAgent',
  'dedupAgents',
  'dedupJson',
  'diffAgents',
  'diffReport',
  'formatDiagnostic',
  'formatFinding',
  'formatGithub',
  'formatJson',
  'formatMarkdown',
  'formatText',
  'lintAgents',
  'loadAgents',
  'merge3',
  'mergeAgents',
  'mergeDriver',
  'nearRepeats',
  'normalizeAgent',
  'parseAgent',
  'provenanceJson',
  'readAgent',
  'renderAgent',
  'renderDiffReport',
  'renderMergeReport',
  'renderMerged',
  'sectionsOf',
  'statementsOf',
  'summaryLine',
  'writeFileAtomic',
] as const

describe('public API', () => {
  it('exports exactly the listed names, at run time and in the types', () => {
    expect(Object.keys(api).sort()).toEqual([...EXPORTS].sort())
    expectTypeOf<keyof typeof api>().toEqualTypeOf<(typeof EXPORTS)[number]>()
  })

  it("matches the README's table of exports", () => {
    const readme = readFileSync(ROOT + 'README.md', 'utf8')
    const table = readme.slice(readme.indexOf('The package exports these and nothing else'), readme.indexOf('## The model'))
    const listed = [...table.matchAll(/^\| [^|]+ \| (.+) \|$/gm)].flatMap((m) => [...m[1]!.matchAll(/`(\w+)`/g)].map((x) => x[1]!))
    expect(listed.sort()).toEqual([...EXPORTS].sort())
  })

  it('keeps the signatures of the entry points', () => {
    expectTypeOf(api.parseAgent).parameters.toEqualTypeOf<[source: string | Uint8Array, path?: string, options?: ParseOptions]>()
    expectTypeOf(api.parseAgent).returns.toEqualTypeOf<Agent>()
    expectTypeOf(api.readAgent).toEqualTypeOf<(path: string, options?: ParseOptions) => Agent>()
    expectTypeOf(api.loadAgents).toEqualTypeOf<(paths: string[], options?: LoadOptions) => Promise<Loaded>>()
    // One mojibake option for every read (`--no-repair` is `mojibake: 'keep'`).
    expectTypeOf<ParseOptions['mojibake']>().toEqualTypeOf<'repair' | 'warn' | 'keep' | undefined>()
    expectTypeOf<LoadOptions['mojibake']>().toEqualTypeOf<ParseOptions['mojibake']>()
    expectTypeOf<ParseOptions>().not.toHaveProperty('noRepair')
    expectTypeOf<LoadOptions>().not.toHaveProperty('noRepair')
    expectTypeOf(api.normalizeAgent).toEqualTypeOf<(agent: Agent) => string>()
    expectTypeOf(api.statementsOf).toEqualTypeOf<(section: Section) => Statement[]>()
    expectTypeOf(api.dedupAgents).parameters.toEqualTypeOf<[agents: readonly Agent[], options?: DedupOptions]>()
    expectTypeOf(api.dedupAgents).returns.toEqualTypeOf<DedupResult>()
    expectTypeOf(api.mergeAgents).parameters.toEqualTypeOf<[agents: readonly Agent[], options?: MergeOptions]>()
    expectTypeOf(api.mergeAgents).returns.toEqualTypeOf<MergeResult>()
    expectTypeOf(api.renderMerged).toEqualTypeOf<(result: MergeResult, provenance?: ProvenanceMode) => string>()
    expectTypeOf(api.diffAgents).toEqualTypeOf<(oldAgent: Agent, newAgent: Agent, options?: DiffOptions) => AgentDiff>()
    expectTypeOf(api.diffReport).toEqualTypeOf<(files: AgentDiff[]) => DiffReport>()
    expectTypeOf(api.formatText).toEqualTypeOf<(input: DiffReport | AgentDiff, options?: TextOptions) => string>()
    expectTypeOf(api.convertAgent).parameters.toMatchTypeOf<[agent: Agent, to: Dialect, ...rest: unknown[]]>()
    expectTypeOf(api.lintAgents).toEqualTypeOf<(agents: readonly Agent[], options?: LintOptions) => Finding[]>()
    expectTypeOf(api.merge3).toEqualTypeOf<(o: Agent, a: Agent, b: Agent, options?: Merge3Options, texts?: readonly string[]) => Merge3Result>()
  })
})
