// Conflicts through the CLI: statements on one topic that differ in polarity
// or in a specific are reported with their path:line and never folded; the
// deciding input's statement is written, `--conflicts keep` writes all.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mergeAgents, readAgent, renderMerged } from '../src/index.js'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

function inputs(a: string, b: string): [string, string] {
  const file = (line: string) => `---\nname: tester\ndescription: Writes tests.\n---\n\nYou are a test engineer.\n\n## Rules\n\n- ${line}\n- Keep fixtures small and readable\n`
  return written(file(a), file(b)) as [string, string]
}

/** Files a.md, b.md, ... with the given contents, in a fresh directory; their paths. */
function written(...contents: string[]): string[] {
  const dir = tempDir('agentmerge-conflicts-')
  return contents.map((text, i) => {
    const path = join(dir, `${String.fromCharCode(97 + i)}.md`)
    writeFileSync(path, text)
    return path
  })
}

const CASES: Array<[string, string, string]> = [
  ['always/never', 'Always mock the database in unit tests', 'Never mock the database in unit tests'],
  ['two coverage targets', 'Maintain 80% test coverage on every module', 'Maintain 95% test coverage on every module'],
  ['two output formats', 'Return the test report as JSON', 'Return the test report as Markdown'],
  ['two link targets', 'Follow the [style guide](https://good.example/guide) in every review', 'Follow the [style guide](https://evil.example/guide) in every review'],
]

describe('conflicts', () => {
  for (const [name, a, b] of CASES) {
    it(`${name}: reported with path:line, the deciding input's written, never folded`, async () => {
      const [pa, pb] = inputs(a, b)
      const r = await cli(['--provenance', 'none', '--prefer', pb, pa, pb])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toContain(b)
      expect(r.stdout).not.toContain(a)
      expect(r.stderr).toContain(`${pa}:10: warning: conflicts with ${pb}:10`)
      // The sidecar records the alternative, standing for the statement written instead.
      const recorded = mergeAgents([readAgent(pa), readAgent(pb)], { prefer: pb }).provenance.recorded
      expect(recorded.filter((x) => x.reason === 'conflict').map((x) => [x.from, x.standsFor])).toEqual([[`${pa}:10`, `${pb}:10`]])
      const kept = await cli(['--provenance', 'none', '--conflicts', 'keep', pa, pb])
      expect(kept.stdout).toContain(a)
      expect(kept.stdout).toContain(b)
      // The kept alternative is marked by our own comment, which is not a statement when read back.
      expect(kept.stdout).toMatch(/<!-- agentmerge conflict: differs from .*:10 \((polarity|specific): /)
    })
  }

  it('decides two definitions of one link label: Markdown reads the first only, so the other input\'s links would lead elsewhere', async () => {
    const [a, b] = written('---\nname: tester\ndescription: Writes tests.\n---\n\nRead the [style guide][docs] first.\n\n[docs]: https://a.example/guide\n', '---\nname: tester\ndescription: Writes tests.\n---\n\nFollow the [style guide][Docs] always.\n\n[Docs]: https://b.example/guide\n') as [string, string]
    const r = await cli(['--provenance', 'none', '--prefer', b, a, b])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('[Docs]: https://b.example/guide')
    expect(r.stdout).not.toContain('https://a.example/guide')
    expect(r.stderr).toContain(`${a}:8: warning: conflicts with ${b}:8 (specific: https://b.example/guide / https://a.example/guide)`)
    const recorded = mergeAgents([readAgent(a), readAgent(b)], { prefer: b }).provenance.recorded
    expect(recorded.map((x) => [x.from, x.reason, x.standsFor])).toEqual([[`${a}:8`, 'conflict', `${b}:8`]])
    // Kept, the other definition comes after the one Markdown reads, marked.
    const kept = await cli(['--provenance', 'none', '--conflicts', 'keep', '--prefer', b, a, b])
    expect(kept.stdout).toMatch(/\[Docs\]: https:\/\/b\.example\/guide\n\n<!-- agentmerge conflict: differs from .*b\.md:8 .*-->\n\n\[docs\]: https:\/\/a\.example\/guide\n/)
    // Targets that differ in a number too are decided once, as definitions: recorded and marked once.
    const [c, d] = written('---\nname: tester\ndescription: Writes tests.\n---\n\nRead the [guide][g] first.\n\n[g]: https://x.example/api/1/guide\n', '---\nname: tester\ndescription: Writes tests.\n---\n\nRead the [guide][g] again.\n\n[g]: https://x.example/api/2/guide\n') as [string, string]
    const once = mergeAgents([readAgent(c), readAgent(d)], { prefer: d, conflicts: 'keep' })
    expect(once.recorded.filter((x) => x.reason === 'conflict')).toHaveLength(0)
    expect(renderMerged(once, 'none').match(/agentmerge conflict/g)).toHaveLength(1)
    expect(mergeAgents([readAgent(c), readAgent(d)], { prefer: d }).provenance.recorded.map((x) => x.from)).toEqual([`${c}:8`])
    // One target defined twice is no conflict.
    writeFileSync(b, '---\nname: tester\ndescription: Writes tests.\n---\n\nFollow the [style guide][docs] always.\n\n[docs]: https://a.example/guide\n')
    expect((await cli(['--provenance', 'none', a, b])).stderr).not.toContain('warning')
  })

  it('reports a body statement that forbids a tool the merged frontmatter grants', async () => {
    const [a, b] = written('---\nname: auditor\ndescription: Audits code.\ntools: Read, Bash\n---\n\nYou are an auditor.\n\n- Read every changed file\n', '---\nname: auditor\ndescription: Audits code.\ntools: Read\n---\n\nYou are an auditor.\n\n- Never run shell commands\n') as [string, string]
    const r = await cli(['--provenance', 'none', a, b])
    expect(r.stderr).toContain(`${b}:9: warning: forbids bash, which the merged tools grant`)
  })

  it('reports a name two inputs give in versions that disagree ("OpenAPI 3.0" / "OpenAPI 3.1"); both are written', async () => {
    const front = '---\nname: documenter\ndescription: Documents APIs.\n---\n\nYou are an API documenter.\n\n'
    const [a, b, c] = written(
      `${front}- Write every spec in OpenAPI 3.0 with shared components\n- Target Python 3 only\n- Finish Phase 2 before review\n- Modernize legacy Python 2 code\n`,
      `${front}- Validate request bodies against OpenAPI 3.1 schemas\n- Use Python 3.12 features where they help\n- Ship once Phase 3 is signed off\n- Run \`node 16\` in CI\n`,
      `${front}- Keep OpenAPI 3.0 examples runnable\n- Node 20 for tooling\n`,
    ) as [string, string, string]
    const r = await cli(['--provenance', 'none', a, b, c])
    expect(r.code, r.stderr).toBe(0)
    for (const line of ['Validate request bodies against OpenAPI 3.1 schemas', 'Write every spec in OpenAPI 3.0 with shared components']) expect(r.stdout).toContain(line)
    // Python 3 / 3.12 agree (one a prefix of the other), a legacy version is set aside, Phase is no versioned name, code is code.
    expect(r.stderr.split('\n').filter((l) => l.includes(' gives '))).toEqual([`${b}:8: warning: gives OpenAPI 3.1 (1 input), where ${a}:8 gives OpenAPI 3.0 (2 inputs); both written: "Validate request bodies against OpenAPI 3.1 schemas"`])
    // "3.0+" is every version from 3.0 on: no disagreement.
    writeFileSync(c, `${front}- Keep OpenAPI 3.0+ examples runnable\n`)
    writeFileSync(a, `${front}- Keep OpenAPI 3.0+ specs valid\n`)
    expect((await cli(['--provenance', 'none', a, b, c])).stderr).not.toContain(' gives ')
    // Inputs are counted by who says it: one statement three inputs share is three inputs. Parts of a document are no versions.
    const shared = `${front}- Write specs in OpenAPI 3.1 format\n- Read Appendix 2.1 first\n`
    const [p, q, t, u] = written(shared, shared, shared, `${front}- Keep every OpenAPI 3.0 example runnable\n- See Appendix 3 for examples\n`)
    expect((await cli(['--provenance', 'none', p!, q!, t!, u!])).stderr.split('\n').filter((l) => l.includes(' gives '))).toEqual([`${u}:8: warning: gives OpenAPI 3.0 (1 input), where ${p}:8 gives OpenAPI 3.1 (3 inputs); both written: "Keep every OpenAPI 3.0 example runnable"`])

    // A range takes in every version from its start to its end: "7.x through 8.1" agrees with "8.0+", not with "6.1".
    const [r1, r2, r3, r4] = written(`${front}- Support Rails 7.x through 8.1 apps\n`, `${front}- Support Rails 7.x through 8.1 apps\n`, `${front}- Use Rails 8.0+ defaults\n`, `${front}- Backport security fixes to Rails 6.1 branches\n`)
    const ranged = (await cli(['--provenance', 'none', r1!, r2!, r3!, r4!])).stderr.split('\n').filter((l) => l.includes(' gives '))
    expect(ranged.map((l) => l.replace(/:.*warning: /, ': '))).toEqual([`${r4}: gives Rails 6.1 (1 input), where ${r1}:8 gives Rails 7–8.1 (2 inputs); both written: "Backport security fixes to Rails 6.1 branches"`])
    // "to" before a bare number is no range: "PostgreSQL 15.4 to 200 connections" still disagrees with "PostgreSQL 16.1".
    const [p1, p2] = written(`${front}- Limit PostgreSQL 15.4 to 200 connections\n`, `${front}- Tune PostgreSQL 16.1 autovacuum for large tables\n`)
    expect((await cli(['--provenance', 'none', p1!, p2!])).stderr).toContain('gives PostgreSQL 16.1 (1 input), where')
  })

  it('reports a statement that asks for what another input retires ("ruff (replacing black, isort, flake8)"); both are written', async () => {
    const front = '---\nname: pythonista\ndescription: Writes Python.\n---\n\nYou are a Python engineer.\n\n'
    const [a, b] = written(`${front}- Code formatting and linting with ruff (replacing black, isort, flake8)\n- Test behavior rather than implementation details\n- Prefer iterator chains over manual loops\n`, `${front}- PEP 8 compliance with black formatting\n- Never use black on generated files\n- Use ruff instead of black\n- Document implementation details\n- Iterators over loops\n- Sort imports with isort\n- Remove black from pre-commit once ruff format is enabled\n- Users often hover over black buttons\n- Remove print debugging and use black on save\n`) as [string, string]
    const r = await cli(['--provenance', 'none', a, b])
    expect(r.code, r.stderr).toBe(0)
    const said = r.stderr.split('\n').filter((l) => l.includes('retires'))
    expect(said).toEqual([
      `${b}:8: warning: recommends "black", which ${a}:8 retires ("Code formatting and linting with ruff (replacing black, isort, flake8)"): "PEP 8 compliance with black formatting"`,
      `${b}:13: warning: recommends "isort", which ${a}:8 retires ("Code formatting and linting with ruff (replacing black, isort, flake8)"): "Sort imports with isort"`,
      // What a removal sets aside ends where the clause goes on.
      `${b}:16: warning: recommends "black", which ${a}:8 retires ("Code formatting and linting with ruff (replacing black, isort, flake8)"): "Remove print debugging and use black on save"`,
    ])
    expect(r.stdout).toContain('- PEP 8 compliance with black formatting\n')
    expect(r.stdout).toContain('(replacing black, isort, flake8)\n')
    // Reported in the HTML report's conflicts too.
    const html = mergeAgents([readAgent(a), readAgent(b)]).conflicts.filter((d) => d.code === 'contradicts-statement')
    expect(html.map((d) => `${d.path}:${d.line}`)).toEqual([`${b}:8`, `${b}:13`, `${b}:16`])
    // One file alone is its author's business: nothing said.
    const alone = await cli(['--provenance', 'none', a])
    expect(alone.stderr).not.toContain('retires')
  })

  it('a name its retiring input asks for elsewhere is retired only in some case: no report; a long statement is quoted cut to one short line', async () => {
    const front = '---\nname: railsy\ndescription: Writes Rails.\n---\n\nYou are a Rails engineer.\n\n'
    const box = `Deploy with Kamal (replacing Capistrano), as the box shows\n${Array.from({ length: 40 }, (_, i) => `| step ${i + 1} of the deploy box |`).join('\n')}`
    const [a, b] = written(
      `${front}- Solid Queue (default background job processor, replaces Sidekiq as default)\n- Rails 7.x: Recommend Sidekiq for background jobs\n\n${box}\n`,
      `${front}- Use Sidekiq for background jobs\n- Deploy with Capistrano to every host\n`,
    ) as [string, string]
    const r = await cli(['--provenance', 'none', a, b])
    expect(r.code, r.stderr).toBe(0)
    const said = r.stderr.split('\n').filter((l) => l.includes('retires'))
    expect(said.some((l) => l.includes('"sidekiq"'))).toBe(false)
    // Capistrano is retired outright: reported, the retiring block quoted by its start only.
    expect(said).toHaveLength(1)
    expect(said[0]).toContain('recommends "capistrano"')
    expect(said[0]!.length).toBeLessThan(400)
    expect(said[0]).toContain('(replacing Capistrano)')
    expect(said[0]).not.toContain('step 40')
    // Two statements of one input that both retire a name do not excuse each other.
    const [c, d] = written(`${front}- Use ruff (replacing black, isort, flake8)\n- Lint with ruff (replacing black, isort, flake8) in CI\n`, `${front}- Sort imports with isort\n`)
    expect((await cli(['--provenance', 'none', c!, d!])).stderr).toContain('recommends "isort"')
  })

  // Statements naming code that are no conflict: both written, whatever the order of the inputs.
  const BOTH: Array<[string, string, string]> = [
    ['two statements naming different code are neither folded nor a conflict (they may both hold)', 'Never push to `main` directly', 'Never push to `release` directly'],
    ['two commands to run are both written', 'Run `npm run lint` before committing', 'Run `npm test` before committing'],
    ['a statement naming more code than another only adds to it', 'Run `pytest` and `mypy` before every commit', 'Run `pytest` before every commit'],
    ['code on different topics is no conflict', 'Use `pytest` for unit tests', 'Use `ruff` for linting and formatting'],
    ['inline code that looks like a link target (`<T>`) is code, not a target', 'Wrap every result in `<Result>` before returning it', 'Wrap every result in `<Option>` before returning it'],
  ]
  it.each(BOTH)('%s: both written', async (_, a, b) => {
    const [pa, pb] = inputs(a, b)
    for (const order of [[pa, pb], [pb, pa]]) {
      const r = await cli(['--provenance', 'none', ...order])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stderr).not.toContain('conflicts with')
      expect(r.stdout).toContain(`- ${a}\n`)
      expect(r.stdout).toContain(`- ${b}\n`)
    }
  })

  it('the same statement in both inputs is folded, not a conflict', async () => {
    const [pa, pb] = inputs('Maintain 80% test coverage on every module', 'Maintain 80% test coverage on every module')
    const r = await cli(['--provenance', 'none', pa, pb])
    expect(r.stderr).not.toContain('conflicts with')
    expect(r.stdout.split('Maintain 80% test coverage').length).toBe(2)
  })
})

describe('extra parts', () => {
  it('a statement that names a part the other lacks is not folded into it; a plain rewording is', async () => {
    const [pa, pb] = inputs('Implement database health checks and monitoring', 'Implement health checks')
    const r = await cli(['--provenance', 'none', pa, pb])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('- Implement database health checks and monitoring\n')
    expect(r.stdout).toContain('- Implement health checks\n')
    expect(r.stdout.match(/Keep fixtures small and readable/g)).toHaveLength(1)
    expect(r.stderr).not.toContain('conflicts with')
    // A rewording that adds no part is folded.
    const [ra, rb] = inputs('Write unit tests for every bug fix', 'Write a unit test for each bug fix')
    const folded = await cli(['--provenance', 'none', ra, rb])
    expect(folded.stdout.match(/^- Write (unit tests for every|a unit test for each) bug fix$/gm)).toHaveLength(1)
  })
})

describe('response formats', () => {
  const agent = (format: string) => `---\nname: reviewer\ndescription: Reviews code.\n---\n\nYou are a code reviewer.\n\n## Rules\n\n- Read every changed file\n\n${format}`
  const files = (a: string, b: string): [string, string] => {
    const dir = tempDir('agentmerge-formats-')
    writeFileSync(join(dir, 'a.md'), agent(a))
    writeFileSync(join(dir, 'b.md'), agent(b))
    return [join(dir, 'a.md'), join(dir, 'b.md')]
  }
  const json = '## Output Format\n\nReturn the findings as one object:\n\n```json\n{ "findings": [] }\n```\n\n- Cite every finding by file and line\n'
  const table = '## Response Format\n\nAnswer with a table of findings, worst first.\n\n- Cite every finding by file and line\n'

  it("are one contract: the deciding input's is written, the other's statements recorded as one section conflict", async () => {
    const [pa, pb] = files(json, table)
    for (const order of [[pa, pb], [pb, pa]]) {
      const r = await cli(['--provenance', 'none', '--prefer', pb, ...order])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toContain('Answer with a table of findings, worst first.')
      expect(r.stdout).not.toContain('Return the findings as one object:')
      expect(r.stdout).not.toContain('"findings"')
      // The item both contracts carry is written once, standing for both.
      expect(r.stdout.match(/Cite every finding by file and line/g)).toHaveLength(1)
      expect(r.stderr).toContain(`${pa}:12: warning: section "Output Format" conflicts with ${pb}:14 (response format: "Output Format" / "Response Format"): its 2 statements not written (recorded in the provenance)`)
    }
    const recorded = mergeAgents([readAgent(pa), readAgent(pb)], { prefer: pb }).provenance.recorded.filter((x) => x.reason === 'conflict')
    expect(recorded.map((x) => [x.from, x.standsFor])).toEqual([[`${pa}:14`, `${pb}:14`], [`${pa}:16`, `${pb}:14`]])
    const kept = await cli(['--provenance', 'none', '--prefer', pb, '--conflicts', 'keep', pa, pb])
    expect(kept.stdout).toContain('Return the findings as one object:')
    expect(kept.stdout).toContain('Answer with a table of findings, worst first.')
    expect(kept.stdout).toMatch(/<!-- agentmerge conflict: differs from .*b\.md:14 \(specific: response format: "Output Format" \/ "Response Format"\) -->\n\nReturn the findings/)
    expect(kept.stderr).toContain('its 2 statements written too, marked')
  })

  it('are decided whole when the deciding input has none: one contract written, never both lost', async () => {
    const dir = tempDir('agentmerge-formats-')
    const write = (name: string, format: string) => {
      writeFileSync(join(dir, name), agent(format))
      return join(dir, name)
    }
    const p = write('p.md', '## Output Format\n\nAlways answer briefly.\n\nReturn the report as YAML with a summary field.\n')
    const q = write('q.md', '## Output Format\n\nGive the report as JSON with a summary field.\n')
    const c = write('c.md', '')
    for (const mode of ['decide', 'keep']) {
      const r = mergeAgents([readAgent(p), readAgent(q), readAgent(c)], { prefer: c, conflicts: mode as 'decide' | 'keep' })
      const written = r.provenance.sections.flatMap((s) => s.statements.map((st) => st.text))
      const formats = ['Return the report as YAML with a summary field.', 'Give the report as JSON with a summary field.'].filter((t) => written.includes(t))
      expect(formats, mode).toHaveLength(mode === 'keep' ? 2 : 1)
      // Each alternative recorded once, standing for a statement that is written.
      const conflicts = r.provenance.recorded.filter((x) => x.reason === 'conflict')
      expect(new Set(conflicts.map((x) => x.from)).size, mode).toBe(conflicts.length)
      const places = new Set(r.provenance.sections.flatMap((s) => s.statements.map((st) => st.wording)))
      for (const x of conflicts) expect(places.has(x.standsFor!), mode).toBe(true)
    }
  })

  it('the same contract in both inputs is folded, not a conflict', async () => {
    const [pa, pb] = files(json, json)
    const r = await cli(['--provenance', 'none', pa, pb])
    expect(r.stderr).not.toContain('conflicts with')
    expect(r.stdout.match(/Return the findings as one object:/g)).toHaveLength(1)
  })
})

describe('two procedures for one occasion', () => {
  const write = (dir: string, name: string, steps: string[]) => {
    const path = join(dir, name)
    writeFileSync(path, `---\nname: tester\ndescription: Writes tests.\n---\n\nYou are a test engineer.\n\nWhen invoked:\n\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}\n\n## Rules\n\n- Keep fixtures small and readable\n`)
    return path
  }
  const A = ['Read the failing test output', 'Find the smallest reproduction', 'Fix the code under test']
  const B = ['Query the context manager for the project layout', 'Review the coverage report', 'Write the missing tests', 'Run the whole suite']

  it("writes the deciding input's procedure whole and records the other's steps as one conflict; --conflicts keep writes both, marked", async () => {
    const dir = tempDir('agentmerge-procedures-')
    const [pa, pb] = [write(dir, 'a.md', A), write(dir, 'b.md', B)]
    for (const order of [[pa, pb], [pb, pa]]) {
      const r = await cli(['--provenance', 'none', '--prefer', pb, ...order])
      expect(r.code, r.stderr).toBe(0)
      for (const step of B) expect(r.stdout).toContain(step)
      for (const step of A) expect(r.stdout).not.toContain(step)
      expect(r.stderr).toContain(`${pa}:8: warning: section "When invoked:" conflicts with ${pb}:10 (another procedure: 3 steps, none of them among the 4 written)`)
    }
    // Without --prefer the central input does not decide: the procedure with more steps is written (b's), so that merging the merge with an input adds nothing.
    for (const order of [[pa, pb], [pb, pa]]) {
      const r = await cli(['--provenance', 'none', ...order])
      for (const step of B) expect(r.stdout).toContain(step)
      for (const step of A) expect(r.stdout).not.toContain(step)
    }
    const withA = await cli(['--provenance', 'none', '--prefer', pa, pa, pb])
    for (const step of A) expect(withA.stdout).toContain(step)
    const recorded = mergeAgents([readAgent(pa), readAgent(pb)], { prefer: pb }).provenance.recorded.filter((x) => x.reason === 'conflict')
    expect(recorded.map((x) => x.from)).toEqual([`${pa}:10`, `${pa}:11`, `${pa}:12`])
    const kept = await cli(['--provenance', 'none', '--conflicts', 'keep', '--prefer', pb, pa, pb])
    for (const step of [...A, ...B]) expect(kept.stdout).toContain(step)
    expect(kept.stdout).toMatch(/<!-- agentmerge conflict: differs from [^\n]*b\.md:10 [^\n]*-->\n\n1\. Read the failing test output/)
    // The written procedure first, whichever input it is: the kept one follows it whole.
    for (const order of [[pa, pb], [pb, pa]]) {
      const keptA = await cli(['--provenance', 'none', '--conflicts', 'keep', '--prefer', pa, ...order])
      expect(keptA.stdout).toMatch(/1\. Read the failing test output\n2\. Find the smallest reproduction\n3\. Fix the code under test\n\n<!-- agentmerge conflict: differs from [^\n]*a\.md:10 [^\n]*-->\n\n1\. Query the context manager for the project layout\n2\. Review the coverage report\n3\. Write the missing tests\n4\. Run the whole suite\n/)
    }
  })

  it('merges procedures that share a step into one, with no conflict', async () => {
    const dir = tempDir('agentmerge-procedures-')
    const [pa, pb] = [write(dir, 'a.md', A), write(dir, 'b.md', [A[0]!, ...B])]
    const r = await cli(['--provenance', 'none', pa, pb])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).not.toContain('another procedure')
    for (const step of [...A, ...B]) expect(r.stdout).toContain(step)
  })
})

describe('two inputs\' answers to one question written side by side', () => {
  const head = '---\nname: tester\ndescription: Writes tests.\n---\n\nYou are a test engineer.\n\n'
  it('notes whole-task procedures of different inputs in different places, naming each; an input\'s own two, or a topic\'s workflow, are not noted', async () => {
    const [pa, pb, pc] = written(
      `${head}When invoked:\n\n1. Read the failing test output\n2. Find the smallest reproduction\n\n## Rules\n\n- Keep fixtures small and readable\n`,
      `${head}## Rules\n\n- Keep fixtures small and readable\n\n## Response Approach\n\n1. Query the context manager for the project layout\n2. Review the coverage report\n3. Write the missing tests\n`,
      `${head}When invoked:\n\n1. Read the failing test output\n2. Find the smallest reproduction\n\n## Rules\n\n- Keep fixtures small and readable\n\n### Fixture workflow\n\n1. Copy the fixture\n2. Trim it\n\nProcess:\n\n1. Write the test first\n2. Make it pass\n`,
    )
    for (const order of [[pa!, pb!], [pb!, pa!]]) {
      const r = await cli(['--provenance', 'none', ...order])
      expect(r.code, r.stderr).toBe(0)
      // Both written, and one note naming both places.
      expect(r.stdout).toContain('1. Read the failing test output')
      expect(r.stdout).toContain('1. Query the context manager for the project layout')
      expect(r.stderr).toContain(`note: 2 procedures for the whole task of different inputs written side by side; choose one: `)
      expect(r.stderr).toContain(`"When invoked:" (${pa}:8)`)
      expect(r.stderr).toContain(`"## Response Approach" (${pb}:12)`)
      expect(r.stderr.match(/side by side/g)).toHaveLength(1)
    }
    // c's own "When invoked:" and "Process:", and its fixture workflow under Rules, with a's procedure joined to c's: nothing to note.
    const own = await cli(['--provenance', 'none', pa!, pc!])
    expect(own.code, own.stderr).toBe(0)
    expect(own.stderr).not.toContain('side by side')
  })

  it('notes output contracts of different inputs the alignment leaves apart: a contract inside a numbered section and one at the top', async () => {
    const [pa, pb] = written(
      `${head}## Output\n\n- A test report\n- The fixed code\n`,
      `${head}## Execution Flow\n\n### 1. Discovery\n\n- Read the code\n\n### 2. Handoff\n\n- Tell the team\n\nDeliverables organized by type:\n\n- Design files\n- Style guide documentation\n`,
    )
    for (const order of [[pa!, pb!], [pb!, pa!]]) {
      const r = await cli(['--provenance', 'none', ...order])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stderr).toContain(`note: 2 output contracts of different inputs written side by side; choose one: `)
      expect(r.stderr).toContain(`"## Output" (${pa}:8)`)
      expect(r.stderr).toContain(`"Deliverables organized by type:" (${pb}:18)`)
      // A note, not a conflict.
      expect(r.stderr).toMatch(/; 0 conflicts\n/)
    }
  })
})

describe('--conflicts keep', () => {
  it('writes each kept side right after the statement it differs from, marked once, naming the written one', async () => {
    const dir = tempDir('agentmerge-keep-')
    const write = (name: string, lines: string[]) => {
      const path = join(dir, name)
      writeFileSync(path, `---\nname: s\ndescription: Style agent.\n---\n\n# Rules\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`)
      return path
    }
    const a = write('a.md', ['Always use tabs for indentation.', 'Keep functions under 20 lines.', 'Write tests first.'])
    const b = write('b.md', ['Never use tabs for indentation.', 'Keep functions under 50 lines.', 'Write tests first.'])
    const c = write('c.md', ['Always use tabs for indentation.', 'Keep functions under 30 lines.'])
    const outputs = new Set<string>()
    for (const order of [[a, b, c], [c, b, a], [b, a, c]]) {
      const r = await cli(['--provenance', 'none', '--conflicts', 'keep', '--prefer', a, ...order])
      expect(r.code, r.stderr).toBe(0)
      outputs.add(r.stdout)
      const lines = r.stdout.split('\n').filter((l) => l.startsWith('- ') || l.startsWith('<!--'))
      const at = (text: string) => lines.indexOf(`- ${text}`)
      // Each alternative follows its written statement (and the other alternatives to it), its note just before it.
      expect(at('Never use tabs for indentation.')).toBe(at('Always use tabs for indentation.') + 2)
      expect(lines[at('Never use tabs for indentation.') - 1]).toContain(`differs from ${a}:8`)
      for (const alt of ['Keep functions under 30 lines.', 'Keep functions under 50 lines.']) {
        expect(at(alt)).toBeGreaterThan(at('Keep functions under 20 lines.'))
        expect(at(alt)).toBeLessThan(at('Write tests first.'))
        expect(lines[at(alt) - 1]).toContain(`differs from ${a}:9`)
      }
      // One warning per alternative; written, none of them is counted or recorded as not written.
      expect(r.stderr.match(/warning: conflicts with/g)).toHaveLength(3)
      expect(r.stderr).not.toMatch(/recorded, not written/)
    }
    expect(outputs.size).toBe(1)
    expect(mergeAgents([a, b, c].map((p) => readAgent(p)), { conflicts: 'keep', prefer: a }).provenance.recorded).toEqual([])
  })
})
