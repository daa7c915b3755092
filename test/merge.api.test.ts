// mergeAgents through the library API on the five fixtures: nothing lost,
// one file is its own normal form, merging the merge with an input adds
// nothing, the output is canonical, and the frontmatter rules.
import { describe, expect, it } from 'vitest'
import { mergeAgents, nearRepeats, normalizeAgent, parseAgent, renderAgent, renderMerged, statementsOf, sectionsOf, type Agent } from '../src/index.js'
import { agentDoc, at, body, fixtureAgents, inputPlaces, mergedBothWays, permutations, provenancePlaces } from './merge.helpers.js'

const agents = fixtureAgents()
const result = mergeAgents(agents)
const text = renderMerged(result)
const merged = parseAgent(text, 'merged.md')

describe('merge of the five fixtures (API)', () => {
  it('loses nothing: every input statement is written, folded into one written, or recorded', () => {
    expect(provenancePlaces(result)).toEqual(inputPlaces(agents))
    const out = result.provenance.sections.flatMap((s) => s.statements)
    expect(out).toHaveLength(result.summary.statementsOut)
    // Every alternative not written stands for a statement that is (its wording's place).
    const wordings = new Set(out.map((st) => st.wording))
    for (const r of result.provenance.recorded) if (r.reason === 'conflict' || r.reason === 'opening-not-chosen') expect(wordings.has(r.standsFor!), r.from).toBe(true)
    expect(result.provenance.recorded.some((r) => r.reason === 'conflict')).toBe(true)
    // Each output statement is written in the words of one of the statements it stands for.
    const byPlace = new Map(agents.flatMap((a) => statementsOf(a.root)).map((s) => [at(s), s]))
    for (const st of out) {
      expect(st.from).toContain(st.wording)
      expect(byPlace.get(st.wording)!.text).toBe(st.text)
    }
  })

  it('folds duplicates across files and merges sections', () => {
    const s = result.summary
    expect(s.statementsIn).toBe(inputPlaces(agents).length)
    expect(s.statementsOut + s.duplicatesFolded + s.recorded).toBe(s.statementsIn)
    expect(s.duplicatesFolded).toBeGreaterThanOrEqual(40)
    expect(s.sectionsMerged).toBeGreaterThanOrEqual(3)
    // One identity: the output opens with one role statement, the others recorded as openings not chosen.
    expect(result.provenance.sections[0]!.statements[0]!.text).toMatch(/^You are/)
    expect(result.provenance.recorded.filter((r) => r.reason === 'opening-not-chosen').length).toBeGreaterThanOrEqual(4)
  })

  it('never folds two statements of one file into one', () => {
    for (const s of result.provenance.sections) {
      for (const st of s.statements) {
        const paths = st.from.map((p) => p.slice(0, p.lastIndexOf(':')))
        expect(new Set(paths).size).toBe(paths.length)
      }
    }
  })

  it('is canonical: reading it back and normalizing changes nothing, and the statements are the same', () => {
    expect(normalizeAgent(merged)).toBe(text)
    // Read back, the file has the statements the provenance lists, in its order.
    expect(statementsOf(merged.root).map((s) => s.id).sort()).toEqual(result.provenance.sections.flatMap((s) => s.statements.map((st) => st.id)).sort())
  })

  it('renders merged sections under one title; bold lead-ins stay bold lead-ins', () => {
    const sections = sectionsOf(merged.root).slice(1)
    const inputKinds = new Set(agents.flatMap((a) => sectionsOf(a.root).slice(1).map((s) => `${s.kind} ${s.title}`)))
    for (const s of sections) if (s.kind !== 'heading') expect(inputKinds.has(`${s.kind} ${s.title}`)).toBe(true)
    expect(sections.filter((s) => s.depth === 1).map((s) => s.title)).toEqual(['⚙️ Backend Developer Agent'])
    expect(sectionsOf(merged.root).length - 1).toBe(result.summary.sectionsOut)
  })

  it('inline provenance is one comment at the end that the parser skips', () => {
    const inline = renderMerged(result, 'inline')
    expect(inline.startsWith(text)).toBe(true)
    const notes = inline.slice(text.length)
    expect(notes).toMatch(/^\n<!-- agentmerge-provenance v1\n[^]*-->\n$/)
    expect(notes.match(/-->/g)).toHaveLength(1)
    // A union takes from every input listing tools: none is listed again as another value.
    expect(notes).toMatch(/tools union \d+:\d+/)
    expect(notes).not.toMatch(/tools union [^;\n]*\(also/)
    expect(renderAgent(parseAgent(inline, 'merged.md'))).toBe(text)
  })
})

describe('bad options', () => {
  it('refuses a min-support or an extra-part bar that is not a number it can use, naming the option', () => {
    for (const minSupport of [0, 1.5, Number.NaN]) expect(() => mergeAgents(agents, { minSupport })).toThrow(/--min-support must be a whole number/)
    expect(() => mergeAgents(agents, { minSupport: agents.length + 1 })).toThrow(/asks for more inputs than the \d+ given/)
    for (const extra of [-0.1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => mergeAgents(agents, { extra })).toThrow(/extra-part bar must be a number, 0 or more/)
    expect(() => mergeAgents(agents, { extra: 0 })).not.toThrow()
  })
})

describe('near-repeats', () => {
  it('are written statements the merge kept apart that dedup groups, each in one group, the same for every input order', () => {
    const groups = nearRepeats(result)
    const written = new Set(result.sections.flatMap((m) => m.folds.map((f) => f.statement)))
    const seen = new Set()
    for (const g of groups) {
      expect(g.length).toBeGreaterThanOrEqual(2)
      for (const st of g) {
        expect(written.has(st)).toBe(true)
        expect(seen.has(st)).toBe(false)
        seen.add(st)
      }
    }
    const texts = (gs: ReturnType<typeof nearRepeats>) => gs.map((g) => g.map((s) => s.text))
    expect(texts(groups).some((g) => g.includes('Database migrations and schema management') && g.includes('Use database migrations for schema changes'))).toBe(true)
    expect(texts(nearRepeats(mergeAgents([...agents].reverse())))).toEqual(texts(groups))
  })

  it('add nothing when an input is merged with its own copy: its statements fold, only its own repeats are left', () => {
    const twin = parseAgent(renderAgent(agents[0]!), 'twin.md')
    const texts = (gs: ReturnType<typeof nearRepeats>) => gs.map((g) => g.map((s) => s.text))
    expect(texts(nearRepeats(mergeAgents([agents[0]!, twin])))).toEqual(texts(nearRepeats(mergeAgents([agents[0]!]))))
  })
})

describe('idempotence', () => {
  it('merging one file gives its normalized form', () => {
    for (const agent of agents) {
      const single = mergeAgents([agent])
      expect(renderMerged(single)).toBe(normalizeAgent(agent))
      expect(provenancePlaces(single)).toEqual(inputPlaces([agent]))
      expect(single.conflicts).toEqual([])
    }
  })

  it('merging the merged file with any of its inputs adds at most the known gap (docs/merge.md, three statements)', () => {
    const count = statementsOf(merged.root).length
    for (const agent of agents) {
      const again = mergeAgents([merged, agent])
      expect(again.summary.statementsOut, agent.path).toBeLessThanOrEqual(count + 3)
    }
  })
})

describe('frontmatter', () => {
  const [elite, , senior, structured, engineer] = agents as [Agent, Agent, Agent, Agent, Agent]

  it('frontmatter by consensus: the majority name, the central description, the half rule, each disagreement with its place', () => {
    expect(result.agent.meta.dialect).toBe('claude')
    expect(result.agent.meta.name).toBe('backend-developer')
    const description = result.fields.find((f) => f.key === 'description')!
    expect(description.rule).toBe('central')
    expect(agents.map((a) => a.meta.description)).toContain(result.agent.meta.description)
    const color = result.fields.find((f) => f.key === 'color')!
    expect(color.rule === 'majority' || color.rule === 'minority').toBe(true)
    for (const f of result.fields) if (f.value !== null) expect(f.from).not.toBeNull()
    // Every input order decides the same frontmatter.
    expect(renderAgent(mergeAgents([...agents].reverse()).agent)).toBe(renderAgent(result.agent))
  })

  it('a field fewer than half the inputs carry is not written, and a note says so with its value and place, not counted as a conflict', () => {
    const category = result.fields.find((f) => f.key === 'category')!
    expect(category.rule).toBe('minority')
    const notes = result.conflicts.filter((d) => d.code === 'field-minority')
    const said = notes.find((d) => d.message.startsWith('category: not written, carried by 1 of 5 inputs, fewer than half (was "implementation" at '))
    expect(said, notes.map((d) => d.message).join('\n')).toBeDefined()
    expect(said!.severity).toBe('note')
    expect(said!.path).toBe(structured.path)
    expect(result.summary.conflicts).toBe(result.conflicts.filter((d) => d.severity !== 'note').length)
  })

  it('tools never widen: an input without a tools field grants nothing and is reported; --tools all opts in', () => {
    const lists = agents.filter((a) => a.meta.tools).flatMap((a) => a.meta.tools!.map((t) => t.id))
    for (const t of result.agent.meta.tools ?? []) expect(lists).toContain(t.id)
    expect(result.agent.meta.tools).toBeDefined()
    const missing = result.conflicts.filter((c) => c.code === 'tools-missing').map((c) => c.path)
    expect(missing).toEqual(agents.filter((a) => !a.meta.tools).map((a) => a.path).sort())
    const all = mergeAgents(agents, { tools: 'all' })
    expect(all.agent.meta.tools).toBeUndefined()
    expect(all.conflicts.some((c) => c.code === 'tools-widened')).toBe(true)
  })

  it('tools union of restricted variants warns about each tool a variant withheld', () => {
    const r = mergeAgents([structured, elite], { tools: 'union' })
    expect(r.agent.meta.tools!.map((t) => t.id)).toEqual(['bash', 'glob', 'grep', 'multiedit', 'read', 'todowrite', 'webfetch', 'websearch', 'write'])
    const w = r.conflicts.filter((c) => c.code === 'tools-widened')
    expect(w).toHaveLength(1)
    expect(w[0]).toMatchObject({ path: structured.path, line: 7 })
    expect(w[0]!.message).toContain('Bash, MultiEdit, Write')
  })

  it('leaves out an old tool name whose replacement is granted (MultiEdit beside Edit), and keeps one whose replacement is not', () => {
    for (const order of [[structured, engineer], [engineer, structured]]) {
      const r = mergeAgents(order)
      expect(r.agent.meta.tools!.map((t) => t.id)).not.toContain('multiedit')
      expect(r.agent.meta.tools!.map((t) => t.id)).toContain('edit')
      expect(r.conflicts.filter((c) => c.code === 'tools-old-name').map((c) => c.message)).toEqual(['tools: not written, old names whose replacement the merged agent grants: MultiEdit (now Edit)'])
      expect(r.provenance.fields.find((f) => f.key === 'tools')!.note).toBe('old names left out, their replacements granted: MultiEdit')
    }
    // elite grants MultiEdit and no Edit, nor does structured: MultiEdit stays (the union above); one file merged keeps its tools as written.
    expect(renderAgent(mergeAgents([engineer]).agent)).toContain('MultiEdit')
    // Every input grants MultiEdit: they agree on it, and it stays beside Edit, with no note.
    const both = mergeAgents([elite, engineer])
    expect(both.agent.meta.tools!.map((t) => t.id)).toEqual(expect.arrayContaining(['edit', 'multiedit']))
    expect(both.conflicts.filter((c) => c.code === 'tools-old-name')).toEqual([])
  })

  it("keeps every input's denials when no tools are listed, and leaves them to an allowlist when one is written", () => {
    const file = (path: string, extra: string) => parseAgent(`---\nname: a\ndescription: d\n${extra}---\n\n# A\n\n- ${path}\n`, path)
    const deny = file('deny.md', 'disallowedTools: Bash\n')
    const deny2 = file('deny2.md', 'disallowedTools: [Write, WebFetch]\n')
    const plain = [file('b.md', ''), file('c.md', '')]
    for (const agents of [[deny, ...plain], [...plain, deny]]) {
      // One denial of three inputs is not outvoted: no input listed Bash.
      expect(renderAgent(mergeAgents(agents).agent)).toContain('disallowedTools: Bash\n')
    }
    expect(renderAgent(mergeAgents([deny, deny2, ...plain]).agent)).toMatch(/disallowedTools: (?:\[Bash, WebFetch, Write\]|Bash, WebFetch, Write)\n/)
    // --tools all lets an input without a list grant every tool: a denial stands only where every such input makes it.
    expect(renderAgent(mergeAgents([deny, ...plain], { tools: 'all' }).agent)).not.toContain('disallowedTools')
    expect(renderAgent(mergeAgents([deny, file('deny3.md', 'disallowedTools: Bash, Write\n')], { tools: 'all' }).agent)).toContain('disallowedTools: Bash\n')
    // --tools first: the deciding input's denials as they stand.
    expect(renderAgent(mergeAgents([deny2, deny, ...plain], { tools: 'first', prefer: 'deny2.md' }).agent)).toContain('disallowedTools: [Write, WebFetch]')
    // A denial of some uses of a listed tool is not implied by the allowlist.
    const rm = file('h.md', 'tools: Read, Bash\ndisallowedTools: Bash(rm *)\n')
    const bash = file('g.md', 'tools: Read, Bash\n')
    expect(renderAgent(mergeAgents([rm, file('r.md', 'tools: Read\n')]).agent)).toContain('disallowedTools: Bash(rm *)\n')
    expect(renderAgent(mergeAgents([rm, bash], { tools: 'intersection' }).agent)).toContain('disallowedTools: Bash(rm *)\n')
    const widened = mergeAgents([rm, bash])
    expect(renderAgent(widened.agent)).not.toContain('disallowedTools')
    expect(widened.conflicts.map((c) => c.message)).toContain('tools (union): the merged agent grants Bash(rm *), which this variant withholds')
    // What an input loses is said too, and a denial the deciding input overrides.
    const first = mergeAgents([file('a.md', 'tools: Read, Grep, Bash(git *)\n'), deny], { tools: 'first', prefer: 'a.md' })
    expect(first.conflicts.map((c) => c.message)).toContain('tools (first): the merged agent grants Bash(git *), which this variant withholds')
    const narrowed = mergeAgents([file('a.md', 'tools: Read, Grep\n'), file('b.md', 'tools: Read, Edit\n')], { tools: 'intersection' })
    expect(narrowed.conflicts.filter((c) => c.code === 'tools-narrowed').map((c) => [c.path, c.message])).toEqual([
      ['a.md', 'tools (intersection): the merged agent does not grant Grep, which this variant grants'],
      ['b.md', 'tools (intersection): the merged agent does not grant Edit, which this variant grants'],
    ])
    const listed = mergeAgents([deny, file('d.md', 'tools: Read, Grep\n')])
    expect(renderAgent(listed.agent)).not.toContain('disallowedTools')
    expect(listed.provenance.fields.find((f) => f.key === 'disallowedTools')).toMatchObject({ value: null, rule: 'union' })
  })

  it('tools intersection and first', () => {
    const inter = mergeAgents([elite, engineer, senior], { tools: 'intersection' })
    expect(inter.agent.meta.tools!.map((t) => t.id)).toEqual(['bash', 'glob', 'grep', 'multiedit', 'read', 'websearch', 'write'])
    expect(inter.conflicts.filter((c) => c.code === 'tools-widened')).toEqual([])
    const first = mergeAgents([structured, elite], { tools: 'first', prefer: structured.path })
    expect(renderAgent(first.agent)).toContain('tools: [Read, Grep, Glob, TodoWrite, WebSearch, WebFetch]')
  })

  it('titles the merged agent only with an H1 that names it: none is invented, none names another agent', () => {
    const a = parseAgent('---\nname: python-expert\ndescription: Writes Python.\n---\n\n# Python Pro\n\n- Use type hints\n', 'a.md')
    const b = parseAgent('---\nname: python-expert\ndescription: Writes Python.\n---\n\n- Use pytest\n', 'b.md')
    for (const agents of [[a, b], [b, a]]) {
      const merged = renderMerged(mergeAgents(agents))
      expect(merged).toMatch(/^name: python-expert$/m)
      expect(merged).not.toContain('# Python Pro')
      expect(merged).toContain('- Use type hints\n')
    }
    const c = parseAgent('---\nname: python-expert\ndescription: Writes Python.\n---\n\n# Python Expert\n\n- Use ruff\n', 'c.md')
    expect(renderMerged(mergeAgents([a, b, c]))).toMatch(/^# Python Expert$/m)
    // OpenCode writes no name (a file names the agent), and the title still names the name the inputs chose.
    const opencode = renderMerged(mergeAgents([a, b, c], { to: 'opencode' }))
    expect(opencode).not.toMatch(/^name:/m)
    expect(opencode).toMatch(/^# Python Expert$/m)
    expect(renderMerged(mergeAgents([a, b], { to: 'opencode' }))).not.toContain('# Python Pro')
  })

  it('--to opencode converts every input first', () => {
    const r = mergeAgents(agents, { to: 'opencode', prefer: engineer.path })
    expect(r.agent.meta.dialect).toBe('opencode')
    const yaml = renderAgent(r.agent).split('\n---\n')[0]!
    expect(yaml).not.toMatch(/^name:/m)
    // The body is the Claude merge's with the same deciding input (it decides conflicts, the response format among them).
    expect(body(renderAgent(r.agent))).toBe(body(renderAgent(mergeAgents(agents, { prefer: engineer.path }).agent)))
    expect(() => mergeAgents(agents, { prefer: 'nope.md' })).toThrow(/not an input/)
  })
})

describe('an enumeration another input\'s bullets sit among', () => {
  it('is written as one bullet list, not numbered lists broken by bullets and renumbered', () => {
    const doc = (path: string, lines: string[]) => parseAgent(['---', 'name: s', 'description: d', '---', '', 'You are a security engineer.', '', 'Security measures:', '', ...lines, ''].join('\n'), path)
    const a = doc('a.md', ['1. Authentication with JWT', '2. Security headers implementation', '3. Audit logging for sensitive operations'])
    const b = doc('b.md', ['- Rate limiting and DDoS protection', '- Security headers implementation'])
    for (const agents of [[a, b], [b, a]]) {
      const out = renderMerged(mergeAgents(agents), 'none')
      expect(out).toContain('Security measures:\n\n- Authentication with JWT\n- Rate limiting and DDoS protection\n- Security headers implementation\n- Audit logging for sensitive operations\n')
    }
  })
})

describe('order inside a merged section (closing remarks)', () => {
  it('writes the last words of a flat file at the end of the merged file, after the other inputs\' sections; one before its own sections stays there', () => {
    const flat = parseAgent(['---', 'name: dbg', 'description: Debugs.', '---', '', 'You are a debugger.', '', 'Debugging process:', '', '- Check recent changes', '- Add debug logging', '', 'Focus on fixing the underlying issue, not just symptoms.', ''].join('\n'), 'a.md')
    const sectioned = parseAgent(['---', 'name: dbg', 'description: Debugs.', '---', '', 'You are a debugger.', '', 'Triage first:', '', '- Read the stack trace', '', 'Stay calm under pressure.', '', '## Techniques', '', '- Binary search the history', ''].join('\n'), 'b.md')
    for (const order of [[flat, sectioned], [sectioned, flat]]) {
      const out = renderMerged(mergeAgents(order), 'none').trimEnd()
      expect(out.endsWith('## Techniques\n\n- Binary search the history\n\nFocus on fixing the underlying issue, not just symptoms.'), out).toBe(true)
      expect(out.indexOf('Stay calm under pressure.')).toBeLessThan(out.indexOf('## Techniques'))
    }
  })

  it('a closing paragraph stays last with subsections after it; a table or code block ending a section is no closing remark: it stays whole', () => {
    const a = parseAgent(['# Agent', '', '## Rules', '', '- Keep functions small', '- Name things plainly', '', 'Follow these rules on every change.', '', '### Testing', '', '- Test behaviour', ''].join('\n'), 'a.md')
    const b = parseAgent(['# Agent', '', '## Rules', '', '- Avoid global state', ''].join('\n'), 'b.md')
    for (const agents of [[a, b], [b, a]]) {
      const rules = sectionsOf(mergeAgents(agents).agent.root).find((x) => x.title === 'Rules')!
      expect(rules.body.filter((x) => x.type === 'statement').map((x) => (x as { text: string }).text).at(-1)).toBe('Follow these rules on every change.')
    }
    const t = parseAgent(['# Agent', '', '## Tools', '', '- Prefer ripgrep', '', '| tool | use |', '| --- | --- |', '| rg | search |', '| fd | find |', ''].join('\n'), 't.md')
    const u = parseAgent(['# Agent', '', '## Tools', '', '- Prefer jq for JSON', '- Use fd to find files', '', 'Keep the toolbox small.', ''].join('\n'), 'u.md')
    for (const agents of [[t, u], [u, t]]) {
      const out = renderMerged(mergeAgents(agents), 'none')
      expect(out).toContain('| tool | use |\n| --- | --- |\n| rg | search |\n| fd | find |\n')
    }
    const e = parseAgent(['# Agent', '', '## Running', '', '- Use the scripts', '', 'Run them like this:', '', '```bash', 'npm test', '```', ''].join('\n'), 'e.md')
    const f = parseAgent(['# Agent', '', '## Running', '', '- Keep runs short', '', 'More text here.', ''].join('\n'), 'f.md')
    for (const agents of [[e, f], [f, e]]) {
      const out = renderMerged(mergeAgents(agents), 'none')
      expect(out).toContain('Run them like this:\n\n```bash\nnpm test\n```\n')
    }
  })

  it('writes each input\'s closing (the paragraphs that end its file after a list of its last section) at the end of the merged file, wherever that section goes; the deciding input\'s first, one fold for one closing; carried like any statement', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'sre', description: 'Keeps services up.', opening: 'You are a reliability engineer.' })
    const safety = 'Always prioritize safety while building reliable systems.'
    const fast = 'Keep tests fast and isolated.'
    const a = doc('a.md', ['## Integration', '', '- Work with the reviewer on every change', '', safety])
    const b = doc('b.md', ['## Integration', '', '- Hand off failing builds to the release manager', '', '## Testing', '', '- Test behaviour, not implementation', '- Mock the network at its edge', '', fast])
    const c = doc('c.md', ['## Integration', '', '- Page the on-call engineer for outages', '', '## Monitoring', '', '- Alert on symptoms users see', '', safety])
    for (const [prefer, first, second] of [['a.md', safety, fast], ['b.md', fast, safety]] as const) {
      const outs = permutations([a, b, c]).map((agents) => {
        const result = mergeAgents(agents, { prefer })
        expect(provenancePlaces(result)).toEqual(inputPlaces(agents))
        return renderMerged(result, 'none')
      })
      for (const out of outs) expect(out).toBe(outs[0])
      const out = outs[0]!
      // a's "## Integration" is written first, joined with the others'; its closing comes after every section, once.
      expect(out.indexOf('## Integration'), out).toBeLessThan(out.indexOf('## Testing'))
      expect(out.endsWith(`\n\n${first}\n\n${second}\n`), out).toBe(true)
      expect(out.split(safety), out).toHaveLength(2)
    }
    // With --min-support 2 the closing two inputs say is written, still last; the one only b says is recorded.
    const result = mergeAgents([a, b, c], { minSupport: 2 })
    expect(renderMerged(result, 'none').endsWith(`\n\n${safety}\n`)).toBe(true)
    expect(result.provenance.recorded.find((r) => r.text === fast)?.reason).toBe('below-min-support')
    // One author's two closing paragraphs stay together, after the one the deciding input folds with the first
    // (ordered with the top's entries, f's closing, whose author has more of them there, came between e's two).
    const d = doc('d.md', ['When invoked:', '', '1. Read the contract', '2. Check the law', '', 'Always include a disclaimer.'])
    const e = doc('e.md', ['## Output', '', '- Summary of the risks', '', 'Always include a disclaimer.', '', 'Focus on clarity and compliance.'])
    const f = doc('f.md', ['When invoked:', '', '1. Read the contract', '2. Draft the terms', '', 'Review checklist:', '', '- Parties named', '- Dates checked', '', 'Sources:', '', '- Statutes', '- Case law', '', '## Notes', '', '- Keep it short', '', safety])
    for (const agents of permutations([d, e, f])) {
      const out = renderMerged(mergeAgents(agents, { prefer: 'd.md' }), 'none')
      expect(out.endsWith(`\n\nAlways include a disclaimer.\n\nFocus on clarity and compliance.\n\n${safety}\n`), out).toBe(true)
    }
  })

  it('a paragraph that closed its section after a list stays last, not followed by another input\'s checklist', () => {
    const a = parseAgent(['# Agent', '', '## Performance', '', '- Cache hot reads in Redis', '- Batch writes to the audit log', '', 'Return structured data for the primary agent.', ''].join('\n'), 'a.md')
    const b = parseAgent(['# Agent', '', '## Performance', '', '- [ ] Pool sizes checked', '- [ ] Indexes reviewed', ''].join('\n'), 'b.md')
    for (const agents of [[a, b], [b, a]]) {
      const texts = statementsOf(mergeAgents(agents).agent.root).map((s) => s.text)
      expect(texts.at(-1)).toBe('Return structured data for the primary agent.')
    }
  })
})

describe('order inside a merged section (lead-ins)', () => {
  const other = parseAgent(['# Agent', '', '## Style', '', '- Keep answers short.', '- Cite the files you read.', ''].join('\n'), 'z.md')
  const render = (agents: Agent[]) => renderMerged(mergeAgents(agents), 'none')

  it('a list item ending with a colon right before a titled item keeps its place in its author\'s list, its bold lead-in with it', () => {
    const a = parseAgent(['# Agent', '', '## Expected Output', '', '- **Objective:** One sentence naming the goal.', '- **Roadmap:** A plan with estimated timelines.', '', '  **Example Roadmap:**', '', '- **Epic:** User login', '  - **Story:** Issue tokens', '  - **Story:** Check passwords', '- **Report:** A summary of progress.', ''].join('\n'), 'a.md')
    for (const agents of [[a, other], [other, a]]) {
      const out = render(agents)
      expect(out).toMatch(/- \*\*Objective:\*\* One sentence naming the goal\.\n- \*\*Roadmap:\*\* A plan with estimated timelines\.\n\n {2}\*\*Example Roadmap:\*\*\n\n?- \*\*Epic:\*\* User login\n/)
      expect(out).toContain('  - **Story:** Check passwords\n- **Report:** A summary of progress.\n')
    }
  })

  it('a paragraph ending with a colon right before bold lead-ins stays before them, and a closing remark after them', () => {
    const a = parseAgent(['# Agent', '', '## Review', '', 'Check these areas in turn:', '', '**Security:**', '', '- Validate every input.', '', '**Speed:**', '', '- Cache repeated lookups.', '', 'Close with a one-line verdict.', ''].join('\n'), 'a.md')
    for (const agents of [[a, other], [other, a]]) {
      // The closing remark closes a's whole file: it closes the merged file too, after z's section (closings.ts).
      const out = render(agents)
      expect(out).toContain('## Review\n\nCheck these areas in turn:\n\n**Security:**\n\n- Validate every input.\n\n**Speed:**\n\n- Cache repeated lookups.\n\n## Style\n')
      expect(out.endsWith('\n- Cite the files you read.\n\nClose with a one-line verdict.\n'), out).toBe(true)
    }
  })

  it('a statement ending with a colon right before heading subsections is written last in the body, right before them', () => {
    const a = parseAgent(['# Agent', '', '## Skills', '', 'Areas of work:', '', '### Backend', '', '- Design the APIs.', ''].join('\n'), 'a.md')
    const b = parseAgent(['# Agent', '', '## Skills', '', '- Write the tests first.', ''].join('\n'), 'b.md')
    for (const agents of [[a, b], [b, a]]) expect(render(agents)).toContain('## Skills\n\n- Write the tests first.\n\nAreas of work:\n\n### Backend\n')
  })
})

describe('order inside a merged section', () => {
  const a = parseAgent(['# Agent', '', '## Performance', '', '- Cache hot reads in Redis', '- Profile slow queries before indexing', '- Batch writes to the audit log', ''].join('\n'), 'a.md')
  const b = parseAgent(['# Agent', '', '## Performance', '', 'Optimized for speed and efficiency.', '', 'Tuning covers:', '', '- Connection pool sizing', ''].join('\n'), 'b.md')
  const order = (agents: Agent[]) => statementsOf(mergeAgents(agents).agent.root).map((s) => s.text)

  it("puts the paragraphs that opened an input's section before another input's list, and keeps a lead-in with its list", () => {
    const expected = ['Optimized for speed and efficiency.', 'Cache hot reads in Redis', 'Profile slow queries before indexing', 'Batch writes to the audit log', 'Tuning covers:', 'Connection pool sizing']
    expect(order([a, b])).toEqual(expected)
    expect(order([b, a])).toEqual(expected)
  })

  const proc = (name: string, steps: string[]) => parseAgent(['# Agent', '', 'When invoked:', '', ...steps.map((t, i) => `${i + 1}. ${t}`), ''].join('\n'), name)
  // Two procedures that share no step are a conflict (test/merge.conflicts.test.ts); kept, both are written, and how is tested here.
  const KEEP = { conflicts: 'keep' } as const
  const keptOrder = (agents: Agent[]) => statementsOf(mergeAgents(agents, KEEP).agent.root).filter((s) => s.kind !== 'html').map((s) => s.text)

  it('keeps two procedures that share no step whole, one after the other, not interleaved (--conflicts keep)', () => {
    const x = proc('x.md', ['Read the failing test output', 'Reproduce the failure locally', 'Write a regression test first'])
    const y = proc('y.md', ['Check the deployment logs', 'Page the on-call owner'])
    const expected = ['When invoked:', 'Read the failing test output', 'Reproduce the failure locally', 'Write a regression test first', 'Check the deployment logs', 'Page the on-call owner']
    expect(keptOrder([x, y])).toEqual(expected)
    expect(keptOrder([y, x])).toEqual(expected)
  })

  // A numbered list under a lead-in that names no process is an enumeration, not a procedure: two such lists are no conflict.
  const listed = (name: string, entries: string[]) => parseAgent(['# Agent', '', 'Habits we keep:', '', ...entries.map((t, i) => `${i + 1}. ${t}`), ''].join('\n'), name)

  it('writes two numbered lists that share no entry as two lists, each numbered from 1 as its author numbered it; one list when they share an entry', () => {
    const x = listed('x.md', ['Read the failing test output', 'Reproduce the failure locally', 'Write a regression test first'])
    const y = listed('y.md', ['Check the deployment logs', 'Page the on-call owner'])
    const z = listed('z.md', ['Check the deployment logs', 'Reproduce the failure locally'])
    const body = (agents: Agent[]) => renderMerged(mergeAgents(agents)).split('\n').filter((l) => /^\d+[.)] /.test(l))
    const apart = ['1. Read the failing test output', '2. Reproduce the failure locally', '3. Write a regression test first', '1) Check the deployment logs', '2) Page the on-call owner']
    expect(body([x, y])).toEqual(apart)
    expect(body([y, x])).toEqual(apart)
    // Read back, the second list is still a list of its own.
    const back = parseAgent(renderMerged(mergeAgents([x, y])), 'm.md')
    expect(statementsOf(back.root).filter((s) => s.placement.listStart).map((s) => s.text)).toEqual(['Check the deployment logs'])
    expect(body([x, z]).every((l) => /^\d+\. /.test(l))).toBe(true)
    expect(body([x, z])).toHaveLength(4)
  })

  it('keeps a list that shares nothing apart from two that share an entry, in every order of the inputs', () => {
    const p = listed('p.md', ['Read the failing test output', 'Reproduce the failure locally'])
    const q = listed('q.md', ['Reproduce the failure locally', 'Write a regression test first'])
    const r = listed('r.md', ['Check the deployment logs', 'Page the on-call owner'])
    const lists = (agents: Agent[]) => {
      const out: string[][] = []
      for (const line of renderMerged(mergeAgents(agents)).split('\n')) {
        const m = /^(\d+)[.)] (.*)$/.exec(line)
        if (!m) continue
        if (m[1] === '1') out.push([])
        out[out.length - 1]!.push(m[2]!)
      }
      return out.sort((a, b) => a[0]!.localeCompare(b[0]!))
    }
    const expected = [['Check the deployment logs', 'Page the on-call owner'], ['Read the failing test output', 'Reproduce the failure locally', 'Write a regression test first']]
    for (const agents of [[p, q, r], [r, q, p], [q, r, p]]) expect(lists(agents)).toEqual(expected)
  })

  it("keeps an input's own two numbered lists apart when merged with its copy, and does not borrow that split for another input's steps", () => {
    const twoLists = (name: string) => parseAgent(['# Agent', '', 'Release steps:', '', '1. Tag the release', '2. Build the packages', '', '1) Check the logs', '2) Post the announcement', ''].join('\n'), name)
    const body = (agents: Agent[]) => renderMerged(mergeAgents(agents)).split('\n').filter((l) => /^\d+[.)] /.test(l))
    expect(body([twoLists('a.md'), twoLists('b.md')])).toEqual(['1. Tag the release', '2. Build the packages', '1) Check the logs', '2) Post the announcement'])
    // Another input's procedure shares steps on both sides of the split: one procedure.
    const one = parseAgent(['# Agent', '', 'Release steps:', '', '1. Tag the release', '2. Check the logs', '3. Write the changelog', ''].join('\n'), 'f.md')
    for (const agents of [[twoLists('c.md'), one], [one, twoLists('c.md')]]) {
      const lines = body(agents)
      expect(lines.every((l) => /^\d+\. /.test(l)), lines.join('\n')).toBe(true)
      expect(lines).toHaveLength(5)
    }
  })

  it('keeps the order of the shared steps that the one input holding both gives, whatever the other inputs', () => {
    const a = proc('a.md', ['Freeze the deploy pipeline', 'Snapshot the production database', 'Drain the worker queues', 'Notify the support channel', 'Switch traffic to the standby region', 'Rotate the database credentials'])
    const b = proc('b.md', ['Rotate the database credentials', 'Archive the release artifacts', 'Unfreeze the deploy pipeline', 'Write the incident summary', 'Close the change ticket'])
    const c = proc('c.md', ['Archive the release artifacts'])
    const expected = ['When invoked:', 'Freeze the deploy pipeline', 'Snapshot the production database', 'Drain the worker queues', 'Notify the support channel', 'Switch traffic to the standby region', 'Rotate the database credentials', 'Archive the release artifacts', 'Unfreeze the deploy pipeline', 'Write the incident summary', 'Close the change ticket']
    expect(order([a, b, c])).toEqual(expected)
    expect(order([c, b, a])).toEqual(expected)
  })

  it('aligns two procedures on the steps they share, each input keeping its other steps between the same anchors', () => {
    const x = proc('x.md', ['Read the failing test output', 'Reproduce the failure locally', 'Write a regression test first', 'Fix the code until the test passes'])
    const y = proc('y.md', ['Check the deployment logs', 'Reproduce the failure locally', 'Open a pull request with the fix'])
    const expected = ['When invoked:', 'Read the failing test output', 'Check the deployment logs', 'Reproduce the failure locally', 'Write a regression test first', 'Fix the code until the test passes', 'Open a pull request with the fix']
    expect(order([x, y])).toEqual(expected)
    expect(order([y, x])).toEqual(expected)
  })
})

describe('tables', () => {
  const doc = (path: string, table: string[]) => parseAgent(['---', 'name: t', 'description: d', '---', '', 'You are t.', '', '## Levels', '', ...table, ''].join('\n'), path)
  const tables = (out: string) => out.trimEnd().split('\n\n').filter((b) => b.startsWith('|'))

  it('keeps each table whole when the inputs\' tables differ in alignment or columns; rows fold only within one shape', () => {
    const a = doc('a.md', ['| Level | Action |', '|:--|--:|', '| High | Block |', '| Low | Comment |'])
    const b = doc('b.md', ['| Level | Action |', '|---|---|', '| Critical | Page |', '| Low | Comment |'])
    const c = doc('c.md', ['| Level | Action | Owner |', '|---|---|---|', '| High | Block | sec |'])
    for (const order of [[a, b, c], [c, b, a]]) {
      const out = renderMerged(mergeAgents(order), 'none')
      expect(tables(out).sort()).toEqual([
        '| Level | Action |\n| --- | --- |\n| Critical | Page |\n| Low | Comment |',
        '| Level | Action |\n| :-- | --: |\n| High | Block |\n| Low | Comment |',
        '| Level | Action | Owner |\n| --- | --- | --- |\n| High | Block | sec |',
      ])
    }
  })

  it('keeps an input\'s own row in the table when another of its statements comes first (a row after an item starts a table of its own)', () => {
    const a = doc('a.md', ['- Write specs with examples', '', '| Code | Meaning |', '|---|---|', '| 200 | OK |', '| 404 | Missing |'])
    const b = doc('b.md', ['- Read the style guide before naming endpoints', '', '| Code | Meaning |', '|---|---|', '| 200 | OK |', '| 500 | Error |'])
    for (const out of mergedBothWays(a, b)) {
      expect(tables(out)).toHaveLength(1)
      expect(tables(out)[0]!.split('\n').slice(0, 3)).toEqual(['| Code | Meaning |', '| --- | --- |', '| 200 | OK |'])
      expect(tables(out)[0]!.split('\n').slice(3).sort()).toEqual(['| 404 | Missing |', '| 500 | Error |'])
    }
  })

  it('keeps two tables of one shape but different heads apart, each under its own head', () => {
    const a = doc('a.md', ['| Tool | Use |', '|---|---|', '| eslint | lint |', '| jest | test |'])
    const b = doc('b.md', ['| Owner | Team |', '|---|---|', '| alice | web |', '| bob | api |'])
    for (const out of mergedBothWays(a, b)) {
      expect(tables(out).sort()).toEqual(['| Owner | Team |\n| --- | --- |\n| alice | web |\n| bob | api |', '| Tool | Use |\n| --- | --- |\n| eslint | lint |\n| jest | test |'])
    }
  })

  it('keeps a table and an element whole in their sections when those sections do not align (a lead-in block and a heading)', () => {
    const TABLE = (rows: string[]) => ['| Provider | Signature header |', '| --- | --- |', ...rows]
    const DETAILS = (items: string[]) => ['<details>', '<summary>Go-live checklist</summary>', '', ...items, '', '</details>']
    const a = agentDoc('a.md', ['Provider reference:', '', ...TABLE(['| Stripe | `Stripe-Signature` |', '| Square | `x-square-signature` |']), '', ...DETAILS(['- Rotate test keys out of production', '- Verify webhook endpoint URLs'])])
    const b = agentDoc('b.md', ['## Provider Reference', '', ...TABLE(['| Stripe | `Stripe-Signature` |', '| PayPal | `PAYPAL-TRANSMISSION-SIG` |']), '', ...DETAILS(['- Rotate test keys out of production', '- Enable Radar rules'])])
    for (const out of mergedBothWays(a, b)) {
      // Every table opens with its head row: a row folded away from its table left the next row read as a header.
      for (const t of out.trimEnd().split('\n\n').filter((x) => x.startsWith('|'))) expect(t.split('\n')[0], out).toBe('| Provider | Signature header |')
      expect(out).toContain('| Stripe | `Stripe-Signature` |\n| PayPal | `PAYPAL-TRANSMISSION-SIG` |')
      // Each item stays inside an element: none is written between a closing tag and the next opening one.
      expect(out, out).toContain('<summary>Go-live checklist</summary>\n\n- Enable Radar rules')
      expect(out.match(/<details>/g)).toHaveLength(out.match(/<\/details>/g)!.length)
    }
  })

  it('writes one table for tables of one shape, their rows united', () => {
    const a = doc('a.md', ['| Level | Action |', '|---|---|', '| High | Block |', '| Low | Comment |'])
    const b = doc('b.md', ['| Level | Action |', '|---|---|', '| Critical | Page |', '| Low | Comment |'])
    const out = renderMerged(mergeAgents([a, b]), 'none')
    expect(tables(out)).toHaveLength(1)
    expect(tables(out)[0]!.split('\n').sort()).toEqual(['| --- | --- |', '| Critical | Page |', '| High | Block |', '| Level | Action |', '| Low | Comment |'].sort())
  })
})

describe('HTML elements and definitions', () => {
  const doc = agentDoc

  it('never folds the pieces of two inputs\' HTML elements: each element is closed where its input closed it', () => {
    const a = doc('a.md', ['<details>', '<summary>Good</summary>', '', 'fix(api): x', '', '</details>', '', '- Keep commits small.'])
    const b = doc('b.md', ['<details>', '<summary>Bad</summary>', '', 'stuff', '', '</details>', '', '- Write tests first.'])
    for (const out of mergedBothWays(a, b)) {
      expect(out.match(/<\/details>/g)).toHaveLength(2)
      expect(out).toContain('fix(api): x\n\n</details>')
      expect(out).toContain('stuff\n\n</details>')
    }
  })

  it('writes an element two inputs share once, and merging the merge with an input adds nothing', () => {
    const a = doc('a.md', ['Keep functions short.', '', '<details>', '<summary>Testing</summary>', '', 'Always run the unit tests before pushing.', '', '</details>', '', 'Prefer composition over inheritance.'])
    const b = doc('b.md', ['Keep functions short.', '', '<details>', '<summary>Testing</summary>', '', 'Always run the unit tests before pushing.', '', '</details>', '', 'Write docstrings.'])
    for (const out of mergedBothWays(a, b)) {
      expect(out.match(/<details>/g)).toHaveLength(1)
      expect(out.match(/<\/details>/g)).toHaveLength(1)
      const again = renderMerged(mergeAgents([parseAgent(out, 'm.md'), a]), 'none')
      expect(again).toBe(out)
    }
  })

  it('folds two inputs\' elements that open and close alike into one holding what either puts in it; merging again adds no element', () => {
    const a = doc('a.md', ['## Rules', '', '<details>', '<summary>Checklist</summary>', '', '- Validate inputs', '- Log errors', '', '</details>'])
    const b = doc('b.md', ['## Rules', '', '<details>', '<summary>Checklist</summary>', '', '- Validate inputs', '- Log errors', '- Retry once', '', '</details>'])
    for (const out of mergedBothWays(a, b)) {
      expect(out).toContain('<details>\n<summary>Checklist</summary>\n\n- Validate inputs\n- Log errors\n- Retry once\n\n</details>')
      expect(out.match(/<details>/g)).toHaveLength(1)
      expect(renderMerged(mergeAgents([parseAgent(out, 'm.md'), a]), 'none').match(/<details>/g)).toHaveLength(1)
    }
  })

  it('--min-support writes a table with its head row and its rows together, and the definitions the opening refers to', () => {
    const a = parseAgent(['---', 'name: t', 'description: d', '---', '', 'You are t. See the [style guide][sg] first.', '', '## Standards', '', '- Keep specs small', '', '[sg]: https://example.com/style', ''].join('\n'), 'a.md')
    const b = parseAgent(['---', 'name: t', 'description: d', '---', '', 'You are t.', '', '## Standards', '', '- Keep specs small', '', '| Tool | Use | Owner |', '|:--|:-:|--:|', '| eslint | lint | qa |', '| jest | test | dev |', ''].join('\n'), 'b.md')
    const c = parseAgent(['---', 'name: t', 'description: d', '---', '', 'You are t.', '', '## Standards', '', '| Name | Kind | Team |', '|:--|:-:|--:|', '| eslint | lint | qa |', ''].join('\n'), 'c.md')
    for (const order of [[a, b, c], [c, b, a]]) {
      const out = renderMerged(mergeAgents(order, { minSupport: 2, base: 'a.md' }), 'none')
      expect(out, out).toContain('You are t. See the [style guide][sg] first.')
      expect(out, out).toContain('[sg]: https://example.com/style')
      // The row two inputs carry is written under a head row of its table, never as one.
      expect(out, out).toMatch(/\| (?:Tool \| Use \| Owner|Name \| Kind \| Team) \|\n\| :-- \| :-: \| --: \|\n\| eslint \| lint \| qa \|/)
    }
  })

  it('records a statement not written with its Markdown as written, for a maintainer to paste back', () => {
    const a = parseAgent(['---', 'name: t', 'description: d', '---', '', 'You are t, a careful reviewer of pull requests.', '', '- Keep specs small', ''].join('\n'), 'a.md')
    const b = parseAgent(['---', 'name: t', 'description: d', '---', '', 'You are t. See the [style guide][sg] and **always** the notes.', '', '- Keep specs small', '', '[sg]: https://example.com/style', ''].join('\n'), 'b.md')
    const r = mergeAgents([a, b], { base: 'a.md' })
    const opening = r.provenance.recorded.find((x) => x.from === 'b.md:6')!
    expect(opening.text).toBe('You are t. See the style guide and always the notes.')
    expect(opening.written).toBe('You are t. See the [style guide][sg] and **always** the notes.')
    expect(r.provenance.recorded.every((x) => x.written !== x.text)).toBe(true)
  })

  it('--min-support writes an HTML element whole when anything inside it is written, else none of it', () => {
    const a = doc('a.md', ['<details>', '<summary>Good</summary>', '', 'Write small commits.', '', '</details>', '', '- Keep commits small.'])
    const b = doc('b.md', ['<details>', '<summary>Bad</summary>', '', 'stuff', '', '</details>', '', '- Keep commits small.', '- Write small commits.'])
    for (const order of [[a, b], [b, a]]) {
      const out = renderMerged(mergeAgents(order, { minSupport: 2 }), 'none')
      expect(out).toMatch(/<details>\n<summary>Good<\/summary>\n\n(?:- )?Write small commits\.\n\n<\/details>/)
      expect(out).not.toContain('Bad')
      expect(out.match(/<\/details>/g)).toHaveLength(1)
    }
  })

  it('--min-support writes the definition a written statement refers to', () => {
    const a = doc('a.md', ['- Read the [style guide][g] before review.', '- Keep commits small.', '', '[g]: https://a.example/'])
    const b = doc('b.md', ['- Read the style guide before review.', '- Keep commits small.'])
    for (const order of [[a, b], [b, a]]) {
      // The base decides the wording: a's, with its reference.
      const out = renderMerged(mergeAgents(order, { minSupport: 2, base: 'a.md' }), 'none')
      expect(out).toContain('- Read the [style guide][g] before review.')
      expect(out).toContain('[g]: https://a.example/')
    }
  })

  it('an input\'s later definition of a label it already defined (which Markdown never reads) never wins over its first', () => {
    const a = doc('a.md', ['Read [the guide][g] first.', '', '[g]: https://zzz.example/guide', '[g]: https://aaa.example/old'])
    const b = doc('b.md', ['Keep commits small.'])
    for (const order of [[a, b], [b, a]]) {
      const r = mergeAgents(order)
      const out = renderMerged(r, 'none')
      expect(out).toContain('[g]: https://zzz.example/guide')
      expect(out).not.toContain('https://aaa.example/old')
    }
  })

  it('two inputs\' footnotes of one label that say different things are a conflict', () => {
    const a = doc('a.md', ['Check the logs first.[^1]', '', '[^1]: Logs live in /var/log.'])
    const b = doc('b.md', ['Run the tests.[^1]', '', '[^1]: Use npm test.'])
    const r = mergeAgents([a, b], { prefer: 'a.md' })
    expect(r.recorded.map((x) => [x.statement.text, x.reason])).toContainEqual(['Use npm test.', 'conflict'])
    expect(renderMerged(r, 'none').match(/\[\^1\]:/g)).toHaveLength(1)
  })
})

describe('numbered phases', () => {
  it('another author\'s numbered item keeps its place and number, the bullets two authors wrote for it elsewhere folded into it; with --base on a bullet\'s input the base\'s bullet stays', () => {
    // It had been written as a bullet of "Data lake design:" and its list renumbered 1, 2 (reader r6: an enumeration keeps its items).
    const c1 = agentDoc('c1.md', ['Data lake design:', '', '- Partitioning strategy', '- Compaction policies', '- Cost optimization'])
    const c2 = agentDoc('c2.md', ['## Best Practices', '', '1. **Scalable Design** - Architect for horizontal scaling', '2. **Cost Optimization** - Balance cost optimization with performance', '3. **Security** - Encrypt everything'])
    const c3 = agentDoc('c3.md', ['Data lake design:', '', '- Partitioning strategy', '- Cost optimization', '- Lifecycle policies'])
    for (const order of permutations([c1, c2, c3])) {
      const out = body(renderMerged(mergeAgents(order), 'none'))
      expect(out, out).toContain('Data lake design:\n\n- Partitioning strategy\n- Compaction policies\n- Lifecycle policies\n')
      expect(out, out).toContain('## Best Practices\n\n1. **Scalable Design** - Architect for horizontal scaling\n2. **Cost Optimization** - Balance cost optimization with performance\n3. **Security** - Encrypt everything\n')
      const based = body(renderMerged(mergeAgents(order, { base: 'c1.md' }), 'none'))
      expect(based, based).toContain('Data lake design:\n\n- Partitioning strategy\n- Compaction policies\n- Cost optimization\n- Lifecycle policies\n')
      expect(based, based).toContain('## Best Practices\n\n1. **Scalable Design** - Architect for horizontal scaling\n2. **Security** - Encrypt everything\n')
    }
  })

  const workflow = parseAgent(['# Agent', '', '## Development Workflow', '', '### 1. Analysis', '', 'Read the codebase first.', '', '### 2. Implementation', '', 'Write the smallest change.', '', '### 3. Quality Assurance', '', 'Run the linters and the tests.', ''].join('\n'), 'w.md')
  const topics = parseAgent(['# Agent', '', '## Capabilities', '', '### Testing & Quality Assurance', '', '- Property-based tests with Hypothesis', '', '### Web Development', '', '- FastAPI services', ''].join('\n'), 't.md')
  const titles = (agents: Agent[]) => sectionsOf(mergeAgents(agents).agent.root).filter((s) => s.kind === 'heading').map((s) => s.title)

  it('keep their process whole and numbered: a phase never joins a topic section that shares its title words', () => {
    // Two inputs are equally central: the more complete (w.md, three statements) decides, and its sections come first.
    const expected = ['Agent', 'Development Workflow', '1. Analysis', '2. Implementation', '3. Quality Assurance', 'Capabilities', 'Testing & Quality Assurance', 'Web Development']
    expect(titles([workflow, topics])).toEqual(expected)
    expect(titles([topics, workflow])).toEqual(expected)
  })

  it('written as numbered list items with titles under a procedure are steps too: a topic section sharing a step\'s title never joins it', () => {
    // A step's subsections stay under the step; the topic section keeps its own heading and its lists.
    const sop = parseAgent(['# Agent', '', '## Standard Operating Procedure', '', '1. **Analysis**', '   - Read the codebase first.', '2. **Testing**', '   - Provide unit tests for all generated code.', '3. **Documentation**', '   - Explain the design in the pull request.', ''].join('\n'), 's.md')
    const testing = parseAgent(['# Agent', '', '## Testing Excellence', '', '### Advanced Testing', '', '- Property-based testing with Hypothesis', '- Async tests with pytest-asyncio', ''].join('\n'), 't.md')
    for (const agents of [[sop, testing], [testing, sop]]) {
      const merged = mergeAgents(agents).agent
      const step = sectionsOf(merged.root).find((x) => x.kind === 'item' && x.title === 'Testing')!
      expect(statementsOf(step).map((x) => x.text)).toEqual(['Provide unit tests for all generated code.'])
      const topic = sectionsOf(merged.root).find((x) => x.kind === 'heading' && x.title === 'Advanced Testing')!
      expect(statementsOf(topic).map((x) => x.text)).toEqual(['Property-based testing with Hypothesis', 'Async tests with pytest-asyncio'])
      expect(sectionsOf(merged.root).filter((x) => x.kind === 'item' && x.ordered === true).map((x) => x.title)).toEqual(['Analysis', 'Testing', 'Documentation'])
    }
  })

  it('a titled step whose title runs on into a lead stays in its procedure: "Your primary workflow:" never joins another input\'s "Your primary responsibilities:"', () => {
    const workflow = parseAgent(['# Agent', '', 'Your primary workflow:', '', '1. **API Development**: Create robust backend services including:', '   - RESTful APIs and GraphQL endpoints', '   - Authentication and authorization systems', '   - API documentation and versioning', '2. **Code Quality**: Maintain high standards through:', '   - Code review participation and feedback', ''].join('\n'), 'w.md')
    const duties = parseAgent(['# Agent', '', 'Your primary responsibilities:', '', '1. **API Development & Design**: When building backend services, you will:', '   - Design RESTful and GraphQL APIs with proper HTTP semantics', '   - Authentication and authorization systems', '   - API documentation and versioning', '2. **Security & Performance**: Ensure production readiness through:', '   - Implement rate limiting', ''].join('\n'), 'd.md')
    for (const agents of [[workflow, duties], [duties, workflow]]) {
      const items = sectionsOf(mergeAgents(agents).agent.root).filter((x) => x.kind === 'item').map((x) => x.title)
      expect(items).toContain('API Development')
      expect(items).toContain('API Development & Design')
      expect(items).toContain('Code Quality')
    }
  })

  it('a step\'s sub-item folded with another author\'s list item stays in the step, in the step\'s own words', () => {
    const workflow = parseAgent(['# Agent', '', 'Your primary workflow:', '', '1. **API Development**: Create robust backend services including:', '   - RESTful APIs and GraphQL endpoints', '   - Authentication and authorization systems', '2. **Code Quality**: Maintain high standards through:', '   - Code review participation and feedback', ''].join('\n'), 'w.md')
    const duties = parseAgent(['# Agent', '', 'Your primary responsibilities:', '', '- Implement authentication and authorization systems', '- Write migration scripts', ''].join('\n'), 'd.md')
    for (const agents of [[workflow, duties], [duties, workflow]]) {
      const merged = mergeAgents(agents).agent
      const step = sectionsOf(merged.root).find((x) => x.kind === 'item' && x.title === 'API Development')!
      expect(statementsOf(step).map((x) => x.text)).toEqual(['Create robust backend services including:', 'RESTful APIs and GraphQL endpoints', 'Authentication and authorization systems'])
      // With --base, the base's structure wins: the fold stays in the base's list, in its words.
      const based = mergeAgents(agents, { base: 'd.md' }).agent
      const inStep = sectionsOf(based.root).find((x) => x.kind === 'item' && x.title === 'API Development')!
      expect(statementsOf(inStep).map((x) => x.text)).toEqual(['Create robust backend services including:', 'RESTful APIs and GraphQL endpoints'])
      expect(statementsOf(based.root).map((x) => x.text)).toContain('Implement authentication and authorization systems')
    }
  })

  it('a step\'s sub-item does not take the words of a richer statement from outside the procedure', () => {
    const workflow = parseAgent(['# Agent', '', '## Workflow', '', '### 1. Analysis', '', '- Measure first', '- Find the hot paths', '', '### 2. Optimization', '', '- Fix the biggest bottleneck', ''].join('\n'), 'w.md')
    const practices = parseAgent(['# Agent', '', '## Best Practices', '', '1. **Measure First** - Always profile before optimizing', '2. **Set Goals** - Define the targets up front', ''].join('\n'), 'p.md')
    for (const agents of [[workflow, practices], [practices, workflow]]) {
      const merged = mergeAgents(agents).agent
      const texts = (title: string) => statementsOf(sectionsOf(merged.root).find((x) => x.title === title)!).map((x) => x.text)
      expect(texts('1. Analysis')).toEqual(['Measure first', 'Find the hot paths'])
      expect(texts('Best Practices')).toEqual(['Measure First - Always profile before optimizing', 'Set Goals - Define the targets up front'])
    }
  })

  it('a step\'s sub-item does not take in a statement from outside the procedure that names more (a code name, an API)', () => {
    // swift-expert: rshah515's "**CloudKit Sync**: NSPersistentCloudKitContainer" had been folded into a phase's "CloudKit sync", and the API was written nowhere.
    const workflow = parseAgent(['# Agent', '', '## Development Workflow', '', '### 1. Implementation Phase', '', 'Core Data integration:', '- NSManagedObject subclassing', '- CloudKit sync', '- SwiftUI integration', ''].join('\n'), 'w.md')
    const topics = parseAgent(['# Agent', '', '## Core Data and Persistence', '', '- **SwiftUI Integration**: @FetchRequest', '- **CloudKit Sync**: NSPersistentCloudKitContainer', '- **History Tracking**: Change management', ''].join('\n'), 't.md')
    for (const agents of [[workflow, topics], [topics, workflow]]) {
      const result = mergeAgents(agents)
      const texts = (title: string) => statementsOf(sectionsOf(result.agent.root).find((x) => x.title === title)!).map((x) => x.text)
      expect(texts('Implementation Phase')).toEqual(['Core Data integration:', 'NSManagedObject subclassing', 'CloudKit sync', 'SwiftUI integration'])
      expect(statementsOf(result.agent.root).map((x) => x.text)).toEqual(expect.arrayContaining(['SwiftUI Integration: @FetchRequest', 'CloudKit Sync: NSPersistentCloudKitContainer']))
    }
  })

  it('join the same step written numbered in one input and bulleted in another', () => {
    const numbered = parseAgent(['# Agent', '', '## Development Workflow', '', '1. **Testing**', '   - Run the unit tests.', ''].join('\n'), 'n.md')
    const bulleted = parseAgent(['# Agent', '', '## Development Workflow', '', '- **Testing**', '  - Run the integration tests.', ''].join('\n'), 'b.md')
    for (const agents of [[numbered, bulleted], [bulleted, numbered]]) {
      const steps = sectionsOf(mergeAgents(agents).agent.root).filter((x) => x.kind === 'item')
      expect(steps.map((x) => x.title)).toEqual(['Testing'])
      expect(statementsOf(steps[0]!).map((x) => x.text).sort()).toEqual(['Run the integration tests.', 'Run the unit tests.'])
    }
  })
})

describe('the agent\'s title', () => {
  it('is the input H1 that names the merged name, not the shortest or the first', () => {
    const file = (path: string, name: string, h1: string | undefined, rule: string) => parseAgent(['---', `name: ${name}`, 'description: Writes Python.', '---', '', ...(h1 ? [`# ${h1}`, ''] : []), '## Rules', '', `- ${rule}`, ''].join('\n'), path)
    const a = file('a.md', 'python-expert', 'Python Expert', 'Use type hints everywhere')
    const b = file('b.md', 'python-pro', undefined, 'Profile before optimizing')
    const c = file('c.md', 'python-pro', 'Python Pro Agent', 'Prefer pathlib over os.path')
    for (const agents of [[a, b, c], [c, b, a], [b, a, c]]) {
      const r = mergeAgents(agents)
      expect(r.agent.meta.name).toBe('python-pro')
      expect(sectionsOf(r.agent.root).filter((s) => s.kind === 'heading' && s.depth === 1).map((s) => s.title)).toEqual(['Python Pro Agent'])
    }
    // A file whose one section is an H2 has no title: the merge invents no H1 from it.
    const lone = (path: string, rule: string) => parseAgent(['---', 'name: releaser', 'description: Releases.', '---', '', '## Release Workflow', '', `- ${rule}`, ''].join('\n'), path)
    const merged = mergeAgents([lone('x.md', 'Tag the release'), lone('y.md', 'Build the packages')]).agent
    expect(sectionsOf(merged.root).filter((s) => s.kind === 'heading').map((s) => [s.depth, s.title])).toEqual([[2, 'Release Workflow']])
    // A tie is reported as one, not as "most inputs".
    const tie = mergeAgents([a, c]).conflicts.map((w) => w.message).find((m) => m.startsWith('name: kept'))
    expect(tie).toMatch(/\(a tie at 1 input each, broken by the deciding input\)/)
    expect(mergeAgents([a, b, c]).conflicts.map((w) => w.message).find((m) => m.startsWith('name: kept'))).toMatch(/\(most inputs\)/)
    // The sidecar's decision says so too.
    expect(mergeAgents([a, c]).provenance.fields.find((f) => f.key === 'name')).toMatchObject({ rule: 'majority', note: 'a tie at 1 input each, broken by the deciding input' })
    expect(mergeAgents([a, b, c]).provenance.fields.find((f) => f.key === 'name')!.note).toBeUndefined()
    // A tie the deciding input has no value in is broken by path order, and said so.
    const model = (path: string, value: string | undefined) => parseAgent(['---', 'name: py', 'description: Writes Python.', ...(value ? [`model: ${value}`] : []), '---', '', '- Use type hints everywhere', ''].join('\n'), path)
    const models = mergeAgents([model('a.md', 'claude-sonnet-4-20250514'), model('b.md', 'opus'), model('c.md', undefined)], { prefer: 'c.md' })
    expect(models.conflicts.map((w) => w.message).find((m) => m.startsWith('model: kept'))).toMatch(/\(a tie at 1 input each, broken by path order \(the deciding input has none\)\)/)
    const five = mergeAgents([model('a.md', 'opus'), model('b.md', 'sonnet'), model('c.md', 'sonnet'), model('d.md', 'haiku'), model('e.md', 'haiku')], { prefer: 'a.md' })
    expect(five.agent.meta.fields.find((f) => f.key === 'model')?.value).toBe('sonnet')
    expect(five.conflicts.map((w) => w.message).find((m) => m.startsWith('model: kept'))).toMatch(/\(a tie at 2 inputs each, broken by path order \(the deciding input gives none of them\)\)/)
    // The base's title wins, as its wording does.
    expect(sectionsOf(mergeAgents([a, b, c], { base: 'a.md' }).agent.root).filter((s) => s.depth === 1).map((s) => s.title)).toEqual(['Python Expert'])
  })

  it('a name read off a file\'s path is no vote against a name an input writes', () => {
    const fm = parseAgent('---\nname: e\ndescription: E agent\n---\n\n- Check every index\n', 'fm.md')
    const body = parseAgent('You are E.\n\n- Check every index\n', 'body.md')
    for (const agents of [[fm, body], [body, fm]]) {
      const r = mergeAgents(agents)
      expect(r.agent.meta.fields.find((f) => f.key === 'name')?.value).toBe('e')
      expect(r.provenance.fields.find((f) => f.key === 'name')!.others).toEqual([{ value: 'body', from: 'body.md' }])
    }
    // With no name written anywhere, the files' names still decide.
    const two = mergeAgents([parseAgent('You are E.\n', 'body.md'), parseAgent('You are F.\n', 'other.md')])
    expect(['body', 'other']).toContain(two.agent.meta.fields.find((f) => f.key === 'name')?.value)
  })
})

describe('the model vote', () => {
  const model = (path: string, value: string | undefined) => parseAgent(['---', 'name: flutter', 'description: Builds Flutter apps.', ...(value ? [`model: ${value}`] : []), '---', '', '- Prefer const constructors', ''].join('\n'), path)
  const decision = (r: ReturnType<typeof mergeAgents>) => r.provenance.fields.find((f) => f.key === 'model')!

  it("counts a dated or full id and its family's alias as one value, and writes the alias when the family wins (flutter-expert)", () => {
    const inputs = [model('a.md', 'claude-sonnet-4-20250514'), model('b.md', 'sonnet'), model('c.md', 'inherit'), model('d.md', undefined)]
    const texts = permutations(inputs).map((order) => {
      const r = mergeAgents(order, { prefer: 'd.md' })
      expect(r.agent.meta.fields.find((f) => f.key === 'model')?.value).toBe('sonnet')
      // What was not written is recorded with its place, and why the alias was written.
      expect(decision(r)).toMatchObject({ value: 'sonnet', from: 'b.md:4', rule: 'majority', others: [{ value: 'claude-sonnet-4-20250514', from: 'a.md:4' }, { value: 'inherit', from: 'c.md:4' }] })
      expect(decision(r).note).toBe('most inputs; "claude-sonnet-4-20250514", "sonnet" counted as one model, the sonnet family; its alias written')
      expect(r.conflicts.map((w) => w.message).find((m) => m.startsWith('model: kept'))).toMatch(/^model: kept "sonnet" from b\.md:4 \(most inputs; .*\); also "claude-sonnet-4-20250514" \(a\.md:4\), "inherit" \(c\.md:4\)$/)
      return renderMerged(r)
    })
    expect(new Set(texts).size).toBe(1)
  })

  it('writes the alias for two different ids of the winning family, each recorded, and keeps an id every voter of its family wrote', () => {
    const ids = mergeAgents([model('a.md', 'claude-sonnet-4-20250514'), model('b.md', 'claude-sonnet-4-5'), model('c.md', 'opus')])
    expect(decision(ids)).toMatchObject({ value: 'sonnet', from: 'a.md:4, b.md:4', others: [{ value: 'claude-sonnet-4-20250514', from: 'a.md:4' }, { value: 'claude-sonnet-4-5', from: 'b.md:4' }, { value: 'opus', from: 'c.md:4' }] })
    const same = mergeAgents([model('a.md', 'claude-sonnet-4-20250514'), model('b.md', 'claude-sonnet-4-20250514'), model('c.md', 'opus')])
    expect(decision(same)).toMatchObject({ value: 'claude-sonnet-4-20250514', from: 'a.md:4', others: [{ value: 'opus', from: 'c.md:4' }] })
    expect(decision(same).note).toBeUndefined()
    // Two ids of the family written once each: none leads, the alias is written for them, not kept from them.
    expect(ids.conflicts.map((w) => w.message).find((m) => m.startsWith('model: '))).toMatch(/^model: wrote "sonnet" for a\.md:4, b\.md:4 \(/)
  })

  it('keeps the id most of the winning family\'s voters pinned: the alias is not a newer model nobody asked for', () => {
    for (const order of permutations([model('a.md', 'claude-sonnet-4-20250514'), model('b.md', 'claude-sonnet-4-20250514'), model('c.md', 'claude-3-5-sonnet-20241022')])) {
      const r = mergeAgents(order)
      expect(decision(r)).toMatchObject({ value: 'claude-sonnet-4-20250514', from: 'a.md:4', others: [{ value: 'claude-3-5-sonnet-20241022', from: 'c.md:4' }] })
      expect(r.conflicts.map((w) => w.message).find((m) => m.startsWith('model: '))).toMatch(/^model: kept "claude-sonnet-4-20250514" from a\.md:4 /)
    }
  })

  it('spells the alias as the output dialect does: OpenCode pins it, and the decision says so', () => {
    const r = mergeAgents([model('a.md', 'claude-sonnet-4-20250514'), model('b.md', 'sonnet'), model('c.md', 'opus')], { to: 'opencode' })
    expect(decision(r).value).toBe('anthropic/claude-sonnet-4-5')
    expect(decision(r).note).toContain("the sonnet family; its alias written (model alias 'sonnet' has no OpenCode spelling; pinned to 'anthropic/claude-sonnet-4-5')")
  })
})

describe('one identity', () => {
  it('reads the paragraph under a numbered identity heading as an opening, with or without a space after the number', () => {
    const a = parseAgent(['# Agent', '', '## 1.Identity', '', 'A careful reviewer of database migrations.', '', '## Rules', '', '- Check every index', ''].join('\n'), 'a.md')
    const b = parseAgent(['# Agent', '', '## 1. Identity', '', 'A strict reviewer of schema changes for production databases.', '', '## Rules', '', '- Check every index', ''].join('\n'), 'b.md')
    for (const agents of [[a, b], [b, a]]) {
      const r = mergeAgents(agents)
      expect(r.provenance.recorded.filter((x) => x.reason === 'opening-not-chosen').map((x) => x.text)).toEqual(['A careful reviewer of database migrations.'])
    }
  })

  it('reads the paragraph under an identity heading with a word before its noun ("## Expert Purpose", "## Your Role") as an opening', () => {
    const a = parseAgent(['You are a context manager for multi-agent workflows.', '', '## Rules', '', '- Keep context small', ''].join('\n'), 'a.md')
    const b = parseAgent(['## Expert Purpose', '', 'Master context engineer specializing in dynamic context management.', '', '## Rules', '', '- Keep context small', ''].join('\n'), 'b.md')
    for (const agents of [[a, b], [b, a]]) {
      const r = mergeAgents(agents)
      expect(r.provenance.recorded.filter((x) => x.reason === 'opening-not-chosen').map((x) => x.text)).toEqual(['Master context engineer specializing in dynamic context management.'])
    }
  })

  it('reads a topic heading that ends in an identity noun ("### IAM Role", "### User Persona") as a topic: its paragraph stays', () => {
    const a = parseAgent(['You are an AWS engineer.', '', '## Security', '', '### IAM Role', '', 'Give each Lambda function its own execution role with least-privilege policies.', '', '- Rotate access keys', '', '### User Persona', '', 'Write for an operator on call at night.', ''].join('\n'), 'a.md')
    const b = parseAgent(['You are a cloud security engineer.', '', '## Security', '', '- Encrypt data at rest', ''].join('\n'), 'b.md')
    for (const agents of [[a, b], [b, a]]) {
      const r = mergeAgents(agents)
      const out = renderMerged(r, 'none')
      expect(out, out).toContain('Give each Lambda function its own execution role with least-privilege policies.')
      expect(out, out).toContain('Write for an operator on call at night.')
      expect(r.provenance.recorded.filter((x) => x.reason === 'opening-not-chosen').map((x) => x.text)).toHaveLength(1)
    }
  })
})

describe('headings', () => {
  it('keeps a run of numbered headings whole: one of them never joins another input\'s unnumbered heading (its run would skip a number)', () => {
    const a = parseAgent(['---', 'name: be', 'description: Backend.', '---', '', '## Competencies', '', '### 1. API Design', '', '- Design REST endpoints', '', '### 2. Database Architecture', '', '- Design schemas with proper normalization', '- Plan backups and recovery', '', '### 3. Security', '', '- Validate all input', ''].join('\n'), 'a.md')
    const b = parseAgent(['---', 'name: be', 'description: Backend.', '---', '', '## Skills', '', '### Database Architecture', '', '- Design schemas with proper normalization', '- Plan backups and recovery', '- Use connection pooling', ''].join('\n'), 'b.md')
    for (const order of [[a, b], [b, a]]) {
      const titles = sectionsOf(mergeAgents(order).agent.root).filter((x) => x.kind === 'heading' && x.depth === 3).map((x) => x.title)
      expect(titles.filter((t) => /^\d/.test(t))).toEqual(['1. API Design', '2. Database Architecture', '3. Security'])
    }
  })

  it('never writes a heading with a number its author did not give it: a run one of whose headings is left empty is written without numbers', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'be', description: 'Backend.', opening: 'You are a backend engineer.' })
    const a = doc('a.md', ['## Competencies', '', '### 1. Planning', '', '- Read the code before changing it', '', '### 2. Building', '', '- Write the smallest change that works', '', '### 3. Shipping', '', '- Tag every release'])
    const b = doc('b.md', ['## Habits', '', '- Write the smallest change that works', '- Keep commits small'])
    const c = doc('c.md', ['## Habits', '', '- Write the smallest change that works', '- Review your own diff first'])
    for (const order of permutations([a, b, c])) {
      const out = renderMerged(mergeAgents(order), 'none')
      // The fold of three goes where two of its statements are, and "### 2. Building" is left empty: "### 3." is not written "### 2.".
      expect(out.match(/^### .*$/gm), out).toEqual(['### Planning', '### Shipping'])
    }
  })

  const withHeadings = parseAgent(['# Agent', '', '## Next.js Architecture and Routing', '', '### App Router', '', '- Nested layouts with streaming', '', '### Caching', '', '- Request memoization', ''].join('\n'), 'a.md')
  const withItems = parseAgent(['# Agent', '', '## Core Competencies', '', '- **Next.js Architecture**', '  - Server components by default', '- **Testing**', '  - Playwright for end-to-end tests', ''].join('\n'), 'b.md')

  it('are never written inside a list item, even when the base words the nested section as a heading', () => {
    const item = (name: string, first: string) => parseAgent(['# Agent', '', '## Core Competencies', '', '- **Next.js Architecture**', `  - ${first}`, '  - **Testing**', '    - Playwright for end-to-end tests', '    - Vitest for unit tests', ''].join('\n'), name)
    const heading = parseAgent(['# Agent', '', '## Quality', '', '### Testing', '', '- Playwright for end-to-end tests', '- Vitest for unit tests', '- Mock the network in unit tests', ''].join('\n'), 'h.md')
    const agents = [item('i1.md', 'Server components by default'), heading, item('i2.md', 'Server components wherever possible')]
    for (const base of ['h.md', undefined]) {
      const back = parseAgent(renderMerged(mergeAgents(agents, base ? { base } : {})), 'm.md')
      expect(statementsOf(back.root).filter((s) => s.kind === 'heading').map((s) => s.text), String(base)).toEqual([])
    }
  })

  it('are never written inside a list item: a section holding subsections that were headings keeps a heading title', () => {
    for (const prefer of ['a.md', 'b.md']) {
      const text = renderMerged(mergeAgents([withHeadings, withItems], { prefer }))
      const back = parseAgent(text, 'm.md')
      expect(statementsOf(back.root).filter((s) => s.kind === 'heading').map((s) => s.text), prefer).toEqual([])
      expect(sectionsOf(back.root).filter((s) => s.kind === 'heading').map((s) => s.title), prefer).toEqual(expect.arrayContaining(['App Router', 'Caching']))
    }
  })
})

describe('--min-support and lead-ins', () => {
  it('keeps a lead-in whose list items are sections of their own while anything under them is written', () => {
    const agent = (name: string, lead: string, items: string[]) =>
      parseAgent(`---\nname: ${name}\ndescription: backend agent\n---\n\nYou are a backend engineer.\n\n${lead}\n\n1. **API Development**: Build services by:\n${items.map((i) => `   - ${i}`).join('\n')}\n2. **Data Layer**: Store data by:\n   - Writing migrations\n`, `${name}.md`)
    const inputs = [
      agent('a', 'Your primary responsibilities:', ['Designing REST endpoints for every resource', 'Writing OpenAPI specifications']),
      agent('b', 'What you own:', ['Designing REST endpoints for every resource']),
      parseAgent('---\nname: c\ndescription: backend agent\n---\n\nYou are a backend engineer.\n\n## Deployment\n\n- Ship containers with health checks\n', 'c.md'),
    ]
    for (const order of [inputs, inputs.slice().reverse()]) {
      const out = renderMerged(mergeAgents(order, { minSupport: 2 }), 'none')
      expect(out).toContain('Designing REST endpoints for every resource')
      // The list is written under a lead-in: a line ending in ":" right before its first item.
      expect(out, out).toMatch(/(?:Your primary responsibilities|What you own):\n\n1\. \*\*API Development\*\*/)
    }
  })
})

describe('an output contract keeps its items', () => {
  const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'r', description: 'Reviews.', opening: 'You review.' })
  it('a deliverable another author lists among techniques is written in the Output list, whatever the order of the files (not with --base on the other)', () => {
    const a = doc('a.md', ['## Techniques', '', '- Log parsing with regular expressions', '- Correlation analysis between services', '- Anomaly detection in log streams'])
    const b = doc('b.md', ['## Output', '', '- Timeline of error occurrences', '- Correlation analysis between services', '- Root cause hypothesis with evidence'])
    for (const out of mergedBothWays(a, b)) {
      expect(out).toContain('## Output\n\n- Timeline of error occurrences\n- Correlation analysis between services\n- Root cause hypothesis with evidence\n')
      expect(out).toContain('## Techniques\n\n- Log parsing with regular expressions\n- Anomaly detection in log streams\n')
    }
    // The base's structure wins still.
    expect(renderMerged(mergeAgents([a, b], { base: 'a.md' }), 'none')).toContain('- Log parsing with regular expressions\n- Correlation analysis between services\n')
  })

  it('a contract is read off a statement\'s own section: a "Provide:" list stays whole when its section joins another author\'s, and a checkbox keeps its box', () => {
    const a = doc('a.md', ['## Deliverables', '', 'Provide:', '', '- A summary of the change', '- A list of blocking issues', '- Suggested follow-up tasks'])
    const b = doc('b.md', ['## Notes', '', '- Suggested follow-up tasks', '- A summary of the change', '- A severity rating for each issue'])
    const c = doc('c.md', ['## Before merging', '', '- [ ] Tests cover the new code', '- [ ] Suggested follow-up tasks'])
    for (const order of [[a, b], [b, a]]) {
      expect(renderMerged(mergeAgents(order), 'none')).toContain('Provide:\n\n- A summary of the change\n- A list of blocking issues\n- Suggested follow-up tasks\n')
    }
    for (const order of [[b, c], [c, b]]) {
      const out = renderMerged(mergeAgents(order), 'none')
      expect(out).toContain('- [ ] Suggested follow-up tasks\n')
      expect(out).not.toMatch(/^- Suggested follow-up tasks$/m)
    }
  })

  it('an item two contracts share is written in the contract that words it most specifically, in those words, whatever the order of the files', () => {
    const a = doc('a.md', ['## Deliverables', '', '- Git hooks configuration', '- A summary of the change'])
    const b = doc('b.md', ['## Summary', '', 'Provide:', '', '- Git hooks configuration for quality checks', '- Suggested follow-up tasks'])
    for (const out of mergedBothWays(a, b)) {
      expect(out, out).toContain('Provide:\n\n- Git hooks configuration for quality checks\n- Suggested follow-up tasks\n')
      expect(out, out).toContain('## Deliverables\n\n- A summary of the change\n')
      expect(out.match(/Git hooks configuration/g)).toHaveLength(1)
    }
  })

  it('two inputs\' contracts that name the same deliverables in more and fewer words are written as one, each deliverable once, in its more specific words', () => {
    const a = doc('a.md', ['## Output', '', '- Research methodology and queries used', '- Curated findings with source URLs', '- Credibility assessment of sources', '- Recommendations for further research'])
    const b = doc('b.md', ['## Provide', '', '- Research methodology documentation showing queries used and search strategy', '- Curated findings with direct quotes and source URLs for verification', '- Credibility assessment of sources with authority and reliability ratings', '- A one-line answer first'])
    for (const order of [[a, b], [b, a]]) {
      const r = mergeAgents(order)
      const out = renderMerged(r, 'none')
      for (const written of ['Research methodology documentation showing queries used and search strategy', 'Curated findings with direct quotes and source URLs for verification', 'Credibility assessment of sources with authority and reliability ratings', 'Recommendations for further research', 'A one-line answer first']) expect(out, out).toContain(`- ${written}\n`)
      for (const folded of ['Research methodology and queries used', 'Curated findings with source URLs', 'Credibility assessment of sources\n']) expect(out, out).not.toContain(folded)
      // One contract section, not two lists of one thing.
      expect(out.match(/^## (?:Output|Provide)$/gm), out).toHaveLength(1)
      // The shared opening and the three deliverables.
      expect(r.summary.duplicatesFolded).toBe(4)
    }
  })

  it('a contract written as a lead-in block and one written as a heading are one section: the heading\'s title over the block\'s lead-in and list', () => {
    const a = doc('a.md', ['## Output', '', '- Research methodology and queries used', '- Curated findings with source URLs', '- Credibility assessment of sources', '', 'Focus on actionable insights.'])
    const b = doc('b.md', ['Provide:', '', '- Research methodology documentation showing queries used and search strategy', '- Curated findings with direct quotes and source URLs for verification', '- Credibility assessment of sources with authority and reliability ratings'])
    for (const out of mergedBothWays(a, b)) {
      expect(out, out).toContain('## Output\n\nProvide:\n\n- Research methodology documentation showing queries used and search strategy\n')
      expect(out, out).toMatch(/for verification\n- Credibility assessment of sources with authority and reliability ratings\n\nFocus on actionable insights\.\n/)
    }
  })

  it('two contracts at the top of their inputs are one section whatever their titles and however few items they share: the heading\'s title over the block\'s lead-in and all the items, then the closing remarks', () => {
    const a = doc('a.md', ['## Focus', '', '- Ownership and borrowing', '', '## Output', '', '- Safe and performant code', '- Comprehensive tests with cargo test', '', 'Always include a disclaimer.', '', 'Focus on readability.'])
    const b = doc('b.md', ['When invoked:', '', '1. Read the crate', '2. Run the tests', '', 'Provide:', '', '- Memory-safe code with clear ownership', '- Benchmarks using criterion for hot paths'])
    const list = /## Output\n\nProvide:\n\n(?:- [^\n]+\n){4}\nAlways include a disclaimer\.\n\nFocus on readability\.\n/
    for (const out of [...mergedBothWays(a, b), renderMerged(mergeAgents([b, a], { base: 'a.md' }), 'none')]) {
      expect(out, out).toMatch(list)
      expect(out.match(/^(?:## Output|Provide:)$/gm), out).toHaveLength(2)
    }
    // With --base on the block's input its structure wins: the one contract is its lead-in and list, all the items in it.
    const based = renderMerged(mergeAgents([a, b], { base: 'b.md' }), 'none')
    // a's closing remarks close the merged file, after the base's other section (closings.ts).
    expect(based, based).toMatch(/\nProvide:\n\n(?:- [^\n]+\n){4}\n## Focus\n\n- Ownership and borrowing\n\nAlways include a disclaimer\.\n\nFocus on readability\.\n$/)
    expect(based.match(/^(?:## Output|Provide:)$/gm), based).toEqual(['Provide:'])
    // Merging the merge with either input writes the one contract again, one lead-in over one list.
    const merged = parseAgent(renderMerged(mergeAgents([a, b]), 'none'), 'm.md')
    for (const x of [a, b]) {
      const again = renderMerged(mergeAgents([merged, x]), 'none')
      expect(again, again).toMatch(list)
      expect(again.match(/^(?:## Output|Provide:)$/gm), again).toHaveLength(2)
    }
    const c = doc('c.md', ['## Expected Output', '', '- High-fidelity mockups', '- Interactive prototypes'])
    const d = doc('d.md', ['Deliverables organized by type:', '', '- Design files with component libraries', '- Style guide documentation', '', '## Tools', '', '- Figma'])
    for (const out of mergedBothWays(c, d)) expect(out, out).toMatch(/## Expected Output\n\nDeliverables organized by type:\n\n(?:- [^\n]+\n){4}/)
  })

  it('with --base on an input whose contract is a lead-in block, the joined contract is written where and as the base writes it, the other\'s heading title recorded as not written', () => {
    const a = doc('a.md', ['## Focus', '', '- Ownership and borrowing', '', '## Approach', '', '- Embrace the type system', '', '## Output', '', '- Safe and performant code', '- Comprehensive tests with cargo test'])
    const b = doc('b.md', ['Process:', '', '- Profile before optimizing', '- Prefer borrowing to cloning', '', 'Provide:', '', '- Memory-safe code with clear ownership', '- Benchmarks using criterion for hot paths', '', '## Style', '', '- Be terse'])
    for (const order of [[a, b], [b, a]]) {
      const r = mergeAgents(order, { base: 'b.md' })
      const out = renderMerged(r, 'none')
      // Right after the base's "Process:" block, as in the base, the base's items first; no "## Output" heading.
      expect(out, out).toContain('- Prefer borrowing to cloning\n\nProvide:\n\n- Memory-safe code with clear ownership\n- Benchmarks using criterion for hot paths\n- Safe and performant code\n- Comprehensive tests with cargo test\n\n## Style\n')
      expect(out).not.toContain('## Output')
      expect(r.provenance.titlesNotWritten, out).toEqual([{ from: 'a.md:16', title: 'Output' }])
    }
    // Without a base, the heading's title over the block, as before.
    for (const out of mergedBothWays(a, b)) expect(out, out).toMatch(/## Output\n\nProvide:\n\n(?:- [^\n]+\n){4}/)
  })

  it('joins contract items only where neither\'s group reaches outside the contracts: an item another list also says is left as the fold bar made it', () => {
    const a = doc('a.md', ['## Output', '', '- Credibility assessment of sources', '- Research methodology and queries used'])
    const b = doc('b.md', ['## Provide', '', '- Credibility assessment of sources with authority and reliability ratings', '- Research methodology documentation showing queries used and search strategy'])
    const c = doc('c.md', ['## Integration', '', '- Research methodology and queries used', '- Hand off to the reviewer'])
    for (const order of [[a, b, c], [c, b, a]]) {
      const out = renderMerged(mergeAgents(order), 'none')
      expect(out, out).toContain('- Credibility assessment of sources with authority and reliability ratings\n')
      expect(out, out).not.toContain('- Credibility assessment of sources\n')
      // "Research methodology and queries used" is also said outside a contract (c): b's item is not folded into that group.
      expect(out, out).toContain('- Research methodology and queries used\n')
      expect(out, out).toContain('- Research methodology documentation showing queries used and search strategy\n')
    }
  })

  it('a checklist keeps its checks: a check another author lists elsewhere is written in the checklist', () => {
    const a = doc('a.md', ['## Security Implementation', '', '1. Authentication with JWT', '2. SQL injection prevention', '3. Security headers implementation'])
    const b = doc('b.md', ['## Validation Checklist', '', '- [ ] Input validation on all endpoints', '- [ ] SQL injection prevention', '- [ ] Sensitive data encrypted'])
    for (const out of mergedBothWays(a, b)) {
      expect(out).toContain('- [ ] Input validation on all endpoints\n- [ ] SQL injection prevention\n- [ ] Sensitive data encrypted\n')
      expect(out.match(/SQL injection prevention/g)).toHaveLength(1)
    }
  })

  it('a list titled as a checklist is one, boxes or not: its check is written there, in its words', () => {
    // swift-expert: 0xfurai's "## Quality Checklist" had lost "Optimized memory usage" to rshah515's "**Memory Usage**: Efficient allocation".
    const a = doc('a.md', ['## Quality Checklist', '', '- Code is concise and idiomatic', '- Optimized memory usage', '- Clear error handling paths'])
    const b = doc('b.md', ['## App Performance', '', '- **Launch Time**: Fast app startup', '- **Memory Usage**: Efficient allocation', '- **Battery Life**: Power efficiency'])
    for (const out of mergedBothWays(a, b)) {
      expect(out, out).toContain('## Quality Checklist\n\n- Code is concise and idiomatic\n- Optimized memory usage\n- Clear error handling paths\n')
      expect(out.match(/[Mm]emory [Uu]sage/g), out).toHaveLength(1)
    }
    // A lead-in naming a checklist titles one too.
    const c = doc('c.md', ['Swift development checklist:', '', '- Code is concise and idiomatic', '- Optimized memory usage'])
    for (const out of mergedBothWays(c, b)) expect(out, out).toContain('Swift development checklist:\n\n- Code is concise and idiomatic\n- Optimized memory usage\n')
  })

  it('a check that says more than the phase\'s sub-item it is grouped with stays in its checklist, in its words', () => {
    // swift-expert: 0xfurai's check "Effective use of generics for type safety" had gone into VoltAgent's phase as "Use generics effectively".
    const w = doc('w.md', ['## Development Workflow', '', '### 1. Architecture Analysis', '', '- Review the module layout', '', '### 2. Implementation Phase', '', 'Development patterns:', '- Start with protocols', '- Use generics effectively', '- Focus management'])
    const c = doc('c.md', ['## Quality Checklist', '', '- [ ] Effective use of generics for type safety', '- [ ] Clear error handling paths'])
    for (const out of mergedBothWays(w, c)) {
      expect(out, out).toContain('## Quality Checklist\n\n- [ ] Effective use of generics for type safety\n- [ ] Clear error handling paths\n')
      expect(out, out).toContain('- Start with protocols\n- Use generics effectively\n- Focus management\n')
    }
  })
})

describe('a numbered list keeps its items', () => {
  const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'cloud', description: 'Clouds.', opening: 'You are a cloud architect.' })
  // cloud-architect, accessibility-expert: an item of an enumeration ("## Best Practices" 1. to 10.) had been folded into another
  // author's bullet elsewhere, its list written one short and renumbered, its words written nowhere.
  const numbered = doc('n.md', ['## Best Practices', '', '1. **Cost Awareness** - FinOps culture', '2. **Automate Everything** - Infrastructure as Code', '3. **Multi-Region** - Global availability'])
  const bullets = doc('b.md', ['## Approach', '', '- Design for failure across zones', '- Automate everything through Infrastructure as Code', '- Tag every resource'])

  it('a point another author bullets elsewhere is written as the numbered item, in its words, the list whole and numbered as its author numbered it', () => {
    for (const out of mergedBothWays(numbered, bullets)) {
      expect(out, out).toContain('## Best Practices\n\n1. **Cost Awareness** - FinOps culture\n2. **Automate Everything** - Infrastructure as Code\n3. **Multi-Region** - Global availability\n')
      expect(out, out).toContain('## Approach\n\n- Design for failure across zones\n- Tag every resource\n')
      expect(out, out).not.toContain('Automate everything through')
    }
  })

  it('with --base on the bullet\'s input, the base keeps its place and words', () => {
    for (const order of [[numbered, bullets], [bullets, numbered]]) {
      const out = renderMerged(mergeAgents(order, { base: 'b.md' }), 'none')
      expect(out, out).toContain('## Approach\n\n- Design for failure across zones\n- Automate everything through Infrastructure as Code\n- Tag every resource\n')
      expect(out, out).not.toContain('Automate Everything')
    }
  })

  it('a point from outside that names more than the numbered item stays in its own list', () => {
    const a = doc('a.md', ['## Best Practices', '', '1. **Semantic HTML First** - Use proper HTML elements before adding ARIA', '2. **Screen Reader Testing** - Test with NVDA, JAWS, and VoiceOver', '3. **Regular Audits** - Automated and manual accessibility testing'])
    const b = doc('b.md', ['## Capabilities', '', '- Live regions for dynamic content announcements', '- Screen reader testing: NVDA, JAWS, VoiceOver, TalkBack', '- Heading hierarchy and landmark regions'])
    for (const out of mergedBothWays(a, b)) {
      expect(out, out).toContain('1. **Semantic HTML First** - Use proper HTML elements before adding ARIA\n2. **Screen Reader Testing** - Test with NVDA, JAWS, and VoiceOver\n3. **Regular Audits**')
      expect(out, out).toContain('- Live regions for dynamic content announcements\n- Screen reader testing: NVDA, JAWS, VoiceOver, TalkBack\n')
    }
  })
})

describe('agent hand-offs', () => {
  const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'g', description: 'Builds games.', opening: 'You build games.' })
  it('a statement naming another agent folds only with such statements: a skill worded alike stays in its list', () => {
    // game-developer: VoltAgent's "VR/AR development" had been folded into rshah515's "**With ar-vr-developer**: ...", a hand-off.
    const a = doc('a.md', ['Engine expertise:', '', '- Unity C# development', '- VR/AR development', '- Mobile optimization'])
    const b = doc('b.md', ['## Integration with Other Agents', '', '- **With ar-vr-developer**: Create immersive VR/AR gaming experiences with proper interaction design', '- **With backend-developer**: Build multiplayer game servers'])
    for (const out of mergedBothWays(a, b)) {
      expect(out, out).toContain('Engine expertise:\n\n- Unity C# development\n- VR/AR development\n- Mobile optimization\n')
      expect(out, out).toContain('- **With ar-vr-developer**: Create immersive VR/AR gaming experiences with proper interaction design\n')
    }
    // Two hand-offs to one agent fold still.
    const c = doc('c.md', ['## Integration with Other Agents', '', '- **With ar-vr-developer**: Create immersive VR/AR gaming experiences with proper interaction design'])
    for (const out of mergedBothWays(b, c)) expect(out.match(/With ar-vr-developer/g), out).toHaveLength(1)
  })
})

describe('--min-support and blocks', () => {
  it('writes a point once that the last items of two blocks say in other words: a contract\'s item ("For each issue, provide:") stays, in its words, and the emptied list goes, its lead-in recorded', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'dbg', description: 'Debugs.', opening: 'You are a debugger.' })
    // One term beyond the contract's words ("captured"): two would keep it apart, in its own list (the next describe).
    const a = doc('a.md', ['Debugging habits:', '', '- Stack trace captured', '- Logs attached to the ticket'])
    const b = doc('b.md', ['For each issue, provide:', '', '1. The complete stack trace', '2. Suggested monitoring'])
    for (const order of [[a, b], [b, a]]) {
      const r = mergeAgents(order, { minSupport: 2 })
      const out = renderMerged(r, 'none')
      // Both had been written, each carried by the other; a lead-in is written only with its list, so none stands alone.
      expect(out, out).toMatch(/For each issue, provide:\n\n1\. The complete stack trace\n$/)
      expect(out, out).not.toContain('Stack trace captured')
      expect(out, out).not.toContain('Debugging habits:')
      expect(r.recorded.filter((x) => x.reason === 'lead-without-list').map((x) => at(x.statement))).toEqual(['a.md:8'])
      const statements = r.provenance.sections.flatMap((x) => x.statements)
      expect(statements.find((x) => x.text === 'The complete stack trace')!.from).toEqual(['a.md:10', 'b.md:10'])
    }
  })

  it('writes a point once that the last items of two lead-ins\' lists say in other words (readers found both written, each carried by the other)', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'game', description: 'Games.', opening: 'You are a game developer.' })
    const a = doc('a.md', ['Performance optimization:', '', '- Draw call batching', '- Shader warm-up caches', '', '## Networking', '', '- Client-side prediction'])
    const b = doc('b.md', ['Process:', '', '- Optimize draw calls, batch rendering, and implement object pooling for performance', '- Profile memory per level', '', '## Multiplayer', '', '- Client-side prediction'])
    for (const order of [[a, b], [b, a]]) {
      const r = mergeAgents(order, { minSupport: 2 })
      const out = renderMerged(r, 'none')
      const written = r.provenance.sections.flatMap((x) => x.statements).filter((x) => [...x.from, ...(x.carriedBy ?? [])].some((f) => f === 'a.md:10' || f === 'b.md:10'))
      expect(written.length, out).toBe(1)
      // Folded into the earlier, in the more specific wording of the two; the other lead-in is not written alone.
      expect(out, out).toContain('Performance optimization:\n\n- Optimize draw calls, batch rendering, and implement object pooling for performance\n')
      expect(out, out).not.toContain('Process:')
      expect(written[0]!.from).toEqual(['a.md:10', 'b.md:10'])
    }
  })

  it('folds a point into a later one that cannot leave its place, the last item under a titled item\'s lead', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'vue', description: 'Vue.', opening: 'You are a Vue expert.' })
    const a = doc('a.md', ['## Quality', '', '- Proper use of reactive and ref', '- Typed props everywhere'])
    const b = doc('b.md', ['Your primary responsibilities:', '', '1. **Composition API**: You will build reactive state with:', '   - Reactive refs', '   - Custom renderers', '2. **Routing**: You will route with:', '   - Typed props everywhere'])
    for (const order of [[a, b], [b, a]]) {
      const r = mergeAgents(order, { minSupport: 2 })
      const out = renderMerged(r, 'none')
      // Written once, where the titled item needs it, in the more specific wording of the two.
      expect(out, out).toMatch(/You will build reactive state with:\n {3}- Proper use of reactive and ref\n/)
      expect(out, out).not.toContain('Reactive refs')
      expect(r.provenance.sections.flatMap((x) => x.statements).find((x) => x.text === 'Proper use of reactive and ref')!.from).toEqual(['a.md:10', 'b.md:11'])
    }
  })

  it('writes a point folded into an item of a list its lead-in calls a checklist in that item\'s words, as a `- [ ]` checklist\'s', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'pm', description: 'Products.', opening: 'You are a product manager.' })
    const a = doc('a.md', ['Product management checklist:', '', '- Feedback loops active continuously', '- Roadmap updated quarterly properly'])
    // One term beyond the check's words ("user"): two would keep it apart, in its own list (the next describe).
    const b = doc('b.md', ['## User Research', '', '- **Feedback Loops**: Continuous user feedback', '- **Roadmap Reviews**: Roadmap updated every quarter'])
    for (const order of [[a, b], [b, a]]) {
      const r = mergeAgents(order, { minSupport: 2 })
      const out = renderMerged(r, 'none')
      expect(out, out).toContain('Product management checklist:\n\n- Feedback loops active continuously\n')
      expect(out, out).not.toContain('Continuous user feedback')
      expect(r.provenance.sections.flatMap((x) => x.statements).find((x) => x.text === 'Feedback loops active continuously')!.from).toEqual(['a.md:10', 'b.md:10'])
    }
  })

  it('counts a titled list item holding its list as a block too: another author\'s checkbox stays in its checklist', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'be', description: 'Backend.', opening: 'You are a backend engineer.' })
    const a = doc('a.md', ['Your primary responsibilities:', '', '1. **API Development**: When building services, you will:', '   - Stack trace captured in full', '   - Logs attached to the ticket'])
    const b = doc('b.md', ['## Checklist', '', '- [ ] The complete stack trace', '- [ ] Suggested monitoring'])
    for (const order of [[a, b], [b, a]]) {
      const r = mergeAgents(order, { minSupport: 2 })
      const out = renderMerged(r, 'none')
      // A checklist keeps its checks, and the titled item keeps the last item under its inline lead.
      expect(out, out).toMatch(/## Checklist\n\n- \[ \] The complete stack trace\n/)
      expect(out, out).toMatch(/you will:\n {3}- Stack trace captured in full\n/)
      expect(out, out).not.toMatch(/Stack trace captured in full\n\s*- \[ \]/)
    }
  })

  it('counts a bold lead-in and its list as a block too', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'dbg', description: 'Debugs.', opening: 'You are a debugger.' })
    const a = doc('a.md', ['## Checks', '', '**Before closing a bug:**', '', '- Stack trace captured in full', '- Logs attached to the ticket'])
    const b = doc('b.md', ['## Reports', '', '- The complete stack trace', '- Suggested monitoring'])
    for (const order of [[a, b], [b, a]]) {
      const out = renderMerged(mergeAgents(order, { minSupport: 2 }), 'none')
      expect(out, out).toMatch(/\*\*Before closing a bug:\*\*\n\n- Stack trace captured in full\n$/)
      expect(out, out).not.toContain('## Reports')
    }
  })
})

describe('--min-support counts support at dedup\'s bar', () => {
  const file = (path: string, items: string[]) => parseAgent(['---', 'name: py', 'description: Python.', '---', '', 'You are a Python engineer.', '', '## Testing', '', ...items.map((i) => `- ${i}`), ''].join('\n'), path)
  const a = file('a.md', ['Test coverage exceeding 90% with pytest', 'Format code with black'])
  const b = file('b.md', ['Pytest coverage > 90%', 'Deploy with Docker'])

  it('writes a statement another input says in other words (below the fold bar) once, with that input\'s statement folded into it', () => {
    for (const order of [[a, b], [b, a]]) {
      const r = mergeAgents(order, { minSupport: 2 })
      const out = renderMerged(r, 'none')
      expect(out).toContain('- Test coverage exceeding 90% with pytest')
      expect(out).not.toContain('Pytest coverage > 90%')
      expect(out).not.toContain('black')
      expect(out).not.toContain('Docker')
      const statements = r.provenance.sections.flatMap((s) => s.statements)
      expect(statements.find((s) => s.text === 'Test coverage exceeding 90% with pytest')).toMatchObject({ from: ['a.md:10', 'b.md:10'] })
      expect(statements.find((s) => s.text === 'Test coverage exceeding 90% with pytest')?.carriedBy).toBeUndefined()
      expect(r.recorded.filter((x) => x.reason === 'below-min-support').map((x) => x.statement.text).sort()).toEqual(['Deploy with Docker', 'Format code with black'])
      // The default merge does not fold them either: support is counted, not folded.
      expect(renderMerged(mergeAgents(order), 'none')).toContain('- Pytest coverage > 90%')
    }
  })

  it('counts another input\'s statement once for an author who repeats the point: one of his repeats is carried, not each', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'py', description: 'Python.', opening: 'You are a Python engineer.' })
    const a = doc('a.md', ['## Style', '', '- Use context managers for resource management', '- Prefer pathlib over os.path', '', '## Resources', '', '- Context managers for resource cleanup', '- Close sockets explicitly'])
    const b = doc('b.md', ['## Idioms', '', '- Context managers and the with statement for resource management', '- Write docstrings for public functions'])
    for (const order of [[a, b], [b, a]]) {
      const r = mergeAgents(order, { minSupport: 2 })
      const out = renderMerged(r, 'none')
      // Said once: the later in source order folded into the earlier (a.md before b.md), in the more specific words, where a has it.
      expect(out).toContain('## Style\n\n- Context managers and the with statement for resource management\n')
      expect(out).not.toContain('Use context managers')
      expect(out).not.toContain('Context managers for resource cleanup')
      expect(r.recorded.filter((x) => x.reason === 'below-min-support').map((x) => x.statement.text)).toContain('Context managers for resource cleanup')
      const statements = r.provenance.sections.flatMap((s) => s.statements)
      expect(statements.find((s) => s.text.startsWith('Context managers and the with'))).toMatchObject({ from: ['a.md:10', 'b.md:10'], wording: 'b.md:10' })
    }
  })

  it('cuts a run of numbered headings whole when one of them keeps nothing, never writing a number its author did not: another author\'s words stand where he put them', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'be', description: 'Backend.', opening: 'You are a backend engineer.' })
    const run = [['### 1. API Design', '- Version every public endpoint'], ['### 2. Data Layer', '- Keep schemas normalized'], ['### 3. Security', '- Encrypt secrets at rest']]
    // Each heading in turn is the one no other input carries (the first of them: a reader found "### 2." and "### 3." written as "### 1." and "### 2.").
    for (const lone of [0, 1]) {
      const a = doc('a.md', ['## Execution Flow', '', ...run.flatMap(([h, i]) => [h!, '', i!, ''])])
      const b = doc('b.md', ['## Duties', '', ...run.filter((_, k) => k !== lone).map(([, i]) => i!), '- Tag each release'])
      for (const order of [[a, b], [b, a]]) {
        const r = mergeAgents(order, { minSupport: 2 })
        const out = renderMerged(r, 'none')
        expect(out.match(/^### .*$/gm), out).toBeNull()
        expect(out, out).toContain(`## Duties\n\n${run.filter((_, k) => k !== lone).map(([, i]) => i).join('\n')}\n`)
      }
    }
  })

  it('writes a run of numbered headings kept whole with its authors\' numbers, from 0 as from 1', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'be', description: 'Backend.', opening: 'You are a backend engineer.' })
    const run = (from: number) => [`### ${from}. Plan`, '- Read the task carefully', `### ${from + 1}. Build`, '- Write the code', `### ${from + 2}. Check`, '- Run the tests'].flatMap((l) => [l, ''])
    for (const from of [0, 1]) {
      const a = doc('a.md', ['## Workflow', '', ...run(from)])
      const b = doc('b.md', ['## Workflow', '', ...run(from), '- Tag each release'])
      for (const options of [{}, { minSupport: 2 }]) {
        const out = renderMerged(mergeAgents([a, b], options), 'none')
        expect(out.match(/^### .*$/gm), out).toEqual([`### ${from}. Plan`, `### ${from + 1}. Build`, `### ${from + 2}. Check`])
      }
    }
  })

  it('folds another author\'s wording of a step into the step, whichever comes first: the procedure keeps its words', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 't', description: 'Tests.', opening: 'You are a test engineer.' })
    const steps = doc('b.md', ['When invoked:', '', '1. Review the failing tests first', '2. Test coverage exceeding 90% with pytest'])
    const bullets = doc('a.md', ['## Habits', '', '- Pytest coverage > 90%', '- Review the failing tests first', '- Tag releases'])
    for (const order of [[steps, bullets], [bullets, steps]]) {
      const r = mergeAgents(order, { minSupport: 2 })
      const out = renderMerged(r, 'none')
      expect(out).toContain('When invoked:\n\n1. Review the failing tests first\n2. Test coverage exceeding 90% with pytest\n')
      expect(out).not.toContain('Pytest coverage > 90%')
      expect(r.provenance.sections.flatMap((s) => s.statements).find((s) => s.text.startsWith('Test coverage'))!.from).toEqual(['a.md:10', 'b.md:11'])
    }
  })

  it('a paraphrase folded into a list item is written as an item: a paragraph\'s words do not stand in a list', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'py', description: 'Python.', opening: 'You are a Python engineer.' })
    const a = doc('a.md', ['## Style', '', '- Use context managers for resource management', '- Prefer pathlib over os.path'])
    const b = doc('b.md', ['## Idioms', '', 'Context managers and the with statement for resource management.', '', '## Docs', '', '- Write docstrings for public functions'])
    for (const order of [[a, b], [b, a]]) {
      const out = renderMerged(mergeAgents(order, { minSupport: 2 }), 'none')
      expect(out).toContain('## Style\n\n- Use context managers for resource management\n')
      expect(out).not.toContain('the with statement')
    }
  })

  it('two statements dedup groups that name different code are both written, side by side, not folded', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'js', description: 'JS.', opening: 'You are a JavaScript engineer.' })
    const a = doc('a.md', ['## Habits', '', '- Run `npm test` before every commit to main', '- Prefer small modules'])
    const b = doc('b.md', ['## Habits', '', '- Keep commits small', '- Run `npm run lint` before every commit to main'])
    for (const order of [[a, b], [b, a]]) {
      const r = mergeAgents(order, { minSupport: 2 })
      expect(renderMerged(r, 'none')).toContain('- Run `npm test` before every commit to main\n- Run `npm run lint` before every commit to main\n')
      const statements = r.provenance.sections.flatMap((s) => s.statements)
      expect(statements.find((s) => s.text.includes('npm test'))).toMatchObject({ from: ['a.md:10'], carriedBy: ['b.md:11'] })
    }
  })

  it('a paraphrase moves beside its carrier only when the conflicts leave the carrier written', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'py', description: 'Python.', opening: 'You are a Python engineer.' })
    const a = doc('a.md', ['## Style', '', '- Use context managers for resource management', '- Prefer pathlib over os.path'])
    const b = doc('b.md', ['## Idioms', '', '- Context managers and the with statement for resource management', '- Write docstrings for public functions', '', '## Style', '', '- Never use context managers for resource management'])
    const c = doc('c.md', ['## Style', '', '- Never use context managers for resource management', '- Prefer pathlib over os.path'])
    for (const order of [[a, b, c], [c, b, a]]) {
      const out = renderMerged(mergeAgents(order, { minSupport: 2, prefer: 'c.md' }), 'none')
      expect(out).not.toContain('- Use context managers for resource management')
      expect(out).toContain('## Idioms\n\n- Context managers and the with statement for resource management\n')
    }
  })

  it('a point written because a statement not written carries it (a run cut whole) has that statement folded into it, not recorded below the bar', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'chaos', description: 'Chaos.', opening: 'You are a chaos engineer.' })
    // Phase 1 keeps nothing, so the run goes whole; its "Start small and simple" still counts for b's practice.
    const a = doc('a.md', ['## Workflow', '', '### 1. Plan', '', '- Define the steady state first', '', '### 2. Experiment', '', '- Start small and simple', '- Monitor continuously'])
    const b = doc('b.md', ['## Best Practices', '', '- **Start Small** - Begin with non-production environments', '- **Continuous Monitoring** - Monitor all metrics during experiments', '- **Blameless Culture** - Focus on learning'])
    for (const order of [[a, b], [b, a]]) {
      const r = mergeAgents(order, { minSupport: 2 })
      const out = renderMerged(r, 'none')
      expect(out, out).toContain('## Best Practices\n\n- **Start Small** - Begin with non-production environments\n- **Continuous Monitoring** - Monitor all metrics during experiments\n')
      expect(out, out).not.toContain('Experiment')
      const statements = r.provenance.sections.flatMap((s) => s.statements)
      expect(statements.find((s) => s.text.startsWith('Start Small'))).toMatchObject({ from: ['a.md:16', 'b.md:10'] })
      expect(statements.find((s) => s.text.startsWith('Continuous Monitoring'))).toMatchObject({ from: ['a.md:17', 'b.md:11'] })
      expect(statements.filter((s) => s.carriedBy)).toEqual([])
      expect(r.recorded.filter((x) => x.reason === 'below-min-support').map((x) => at(x.statement)).sort()).toEqual(['a.md:12', 'b.md:12'])
      expect(r.summary.duplicatesFolded).toBe(2)
    }
  })

  it('a paragraph closing its file still closes the merged one when a step not written is folded into it', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'net', description: 'Networks.', opening: 'You are a network engineer.' })
    const a = doc('a.md', ['Focus areas:', '', '- Pytest coverage > 90%', '- Format code with black', '', 'Test from multiple vantage points for comprehensive network analysis.'])
    // Step 3 is carried by nothing, so the procedure is cut; its step 2 carries a's closing paragraph.
    const b = doc('b.md', ['## Workflow', '', 'When invoked:', '', '1. Draft the network plan', '2. Test thoroughly from multiple vantage points and scenarios', '3. Write the runbook', '', '## Deliverables', '', '- Test coverage exceeding 90% with pytest', '- Deploy with Docker'])
    for (const order of [[a, b], [b, a]]) {
      const r = mergeAgents(order, { minSupport: 2 })
      const out = renderMerged(r, 'none')
      expect(out, out).toMatch(/## Deliverables\n\n- Test coverage exceeding 90% with pytest\n\nTest from multiple vantage points for comprehensive network analysis\.\n$/)
      expect(r.provenance.sections.flatMap((s) => s.statements).find((s) => s.text.startsWith('Test from'))).toMatchObject({ from: ['a.md:13', 'b.md:13'] })
      // The sidecar lists it where the file has it, last, with the last section: not in the root before "Deliverables".
      expect(r.provenance.sections.map((s) => s.statements.map((x) => x.text.slice(0, 9)))).toEqual([['You are a'], ['Test cove', 'Test from']])
    }
    // A's closing in a section b shares: the carrier folded in does not keep it mid-file, before b's last section.
    const c = doc('a.md', ['## Testing', '', '- Pytest coverage > 90%', '- Format code with black', '', 'Test from multiple vantage points for comprehensive network analysis.'])
    const d = doc('b.md', ['## Testing', '', '- Test coverage exceeding 90% with pytest', '- Deploy with Docker', '', '## Workflow', '', 'When invoked:', '', '1. Draft the network plan', '2. Test thoroughly from multiple vantage points and scenarios', '3. Write the runbook', '', '## Security', '', '- Rotate the keys monthly', '- Audit access logs weekly'])
    const e = doc('c.md', ['## Security', '', '- Rotate the keys monthly', '- Audit access logs weekly'])
    for (const order of permutations([c, d, e])) {
      const out = renderMerged(mergeAgents(order, { minSupport: 2 }), 'none')
      expect(out, out).toMatch(/## Security\n\n- Rotate the keys monthly\n- Audit access logs weekly\n\nTest from multiple vantage points for comprehensive network analysis\.\n$/)
    }
  })

  it('a paragraph closing its file still closes the merged one, in the file and the sidecar, when a core folds two other authors\' written paraphrase into it', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'ir', description: 'Incidents.', opening: 'You lead incident response.' })
    const urgency = 'Act with urgency while maintaining precision - production stability is critical.'
    const a = doc('a.md', ['Focus areas:', '', '- Quick mitigation options and temporary fixes', '- Root cause analysis with supporting evidence', '', urgency])
    const b = doc('b.md', ['## Behavioral Traits', '', '- Acts with urgency while maintaining precision and systematic approach', '- Prioritizes service restoration over root cause analysis', '', '## Output', '', '- Quick mitigation options and temporary fixes', '- Root cause analysis with supporting evidence'])
    const c = doc('c.md', ['## Behavioral Traits', '', '- Acts with urgency while maintaining precision and systematic approach', '- Keeps a calm tone'])
    for (const order of permutations([a, b, c])) {
      const r = mergeAgents(order, { minSupport: 2 })
      const out = renderMerged(r, 'none')
      expect(out.endsWith(`- Root cause analysis with supporting evidence\n\n${urgency}\n`), out).toBe(true)
      // Listed with the last section written, as the file has it; it had been listed in the root, before "Output".
      const sections = r.provenance.sections
      expect(sections.at(-1)!.statements.at(-1)).toMatchObject({ text: urgency, from: ['a.md:13', 'b.md:10', 'c.md:10'] })
      expect(sections[0]!.statements.map((x) => x.text)).toEqual(['You lead incident response.'])
    }
  })

  it('with --conflicts keep a closing stays right after the statement it differs from: both where they stand, or both last when both close their files', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'style', description: 'Style.', opening: 'You keep code tidy.' })
    const always = 'Always use tabs for indentation in every file.'
    const never = 'Never use tabs for indentation in every file.'
    const security = '## Security\n\n- Rotate the keys monthly\n- Audit access logs weekly\n'
    const a = doc('a.md', ['## Style', '', '- Keep functions small', '- Name things plainly', '', always])
    const b = doc('b.md', ['## Style', '', '- Keep functions small', '- Prefer pure functions', '', never, '', '## Security', '', '- Rotate the keys monthly', '- Audit access logs weekly'])
    const c = doc('c.md', ['## Security', '', '- Rotate the keys monthly', '- Audit access logs weekly'])
    for (const [prefer, first, second] of [['a.md', always, never], ['b.md', never, always]] as const) {
      for (const order of permutations([a, b, c])) {
        const out = renderMerged(mergeAgents(order, { prefer, conflicts: 'keep' }), 'none')
        // b's "Never" closes no file: the pair stays in "## Style", the kept side right after the other, before "## Security".
        expect(out, out).toMatch(new RegExp(`\n${first}\n\n<!-- agentmerge conflict: [^\n]*-->\n\n${second}\n\n${security}$`))
      }
    }
    // Both closings (b's file ends with its "## Style"): the pair closes the merged file, the kept side right after the other.
    const b2 = doc('b.md', ['## Style', '', '- Keep functions small', '- Prefer pure functions', '', never])
    const c2 = doc('c.md', ['## Style', '', '- Keep functions small', '', '## Security', '', '- Rotate the keys monthly', '- Audit access logs weekly'])
    for (const [prefer, first, second] of [['a.md', always, never], ['b.md', never, always]] as const) {
      for (const order of permutations([a, b2, c2])) {
        const out = renderMerged(mergeAgents(order, { prefer, conflicts: 'keep' }), 'none')
        expect(out, out).toMatch(new RegExp(`${security}\n${first}\n\n<!-- agentmerge conflict: [^\n]*-->\n\n${second}\n$`))
      }
    }
  })

  it('a point saying two content terms beyond a deliverable\'s words is not folded into it but stays in its own list, as in a fold', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'nest', description: 'NestJS.', opening: 'You are a NestJS expert.' })
    const a = doc('a.md', ['## Output', '', '- Optimized performance with caching and logging', '- Clean module structure'])
    const b = doc('b.md', ['## Best Practices', '', '- **Performance Optimization** - Use caching, pagination, and query optimization', '- **Testing** - Write unit tests for every service'])
    for (const order of [[a, b], [b, a]]) {
      const r = mergeAgents(order, { minSupport: 2 })
      const out = renderMerged(r, 'none')
      // Folded into the deliverable, "pagination" and "query optimization" had been written nowhere.
      expect(out, out).toContain('## Output\n\n- Optimized performance with caching and logging\n')
      expect(out, out).toContain('## Best Practices\n\n- **Performance Optimization** - Use caching, pagination, and query optimization\n')
      const statements = r.provenance.sections.flatMap((s) => s.statements)
      expect(statements.find((s) => s.text.startsWith('Optimized'))).toMatchObject({ from: ['a.md:10'], carriedBy: ['b.md:10'] })
      expect(statements.find((s) => s.text.startsWith('Performance'))).toMatchObject({ from: ['b.md:10'], carriedBy: ['a.md:10'] })
    }
  })

  it('a statement folded with one of an author\'s repeats does not also carry the other', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'py', description: 'Python.', opening: 'You are a Python engineer.' })
    const a = doc('a.md', ['## Style', '', '- Always use type hints for public functions', '- Prefer pathlib', '', '## Testing', '', '- Always use type hints for public functions', '- Run pytest'])
    const b = doc('b.md', ['## Testing', '', '- Always use type hints for public functions', '- Use fixtures'])
    for (const order of [[a, b], [b, a]]) {
      const out = renderMerged(mergeAgents(order, { minSupport: 2 }), 'none')
      expect(out.split('\n').filter((l) => l === '- Always use type hints for public functions')).toHaveLength(1)
    }
  })

  it('writes a procedure whole or not at all: one carried step is not written alone under its lead-in', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 't', description: 'Tests.', opening: 'You are a test engineer.' })
    const a = doc('a.md', ['When invoked:', '', '1. Configure CI/CD pipelines with comprehensive test automation', '2. Write a failing test before the fix', '3. Refactor while the suite stays green'])
    const b = doc('b.md', ['## Checks', '', '- Configure CI/CD pipelines with comprehensive test automation', '- Deploy containers to staging'])
    for (const order of [[a, b], [b, a]]) {
      const r = mergeAgents(order, { minSupport: 2 })
      const out = renderMerged(r, 'none')
      expect(out).not.toMatch(/^1\. /m)
      expect(out).not.toContain('When invoked:')
      expect(out).toContain('- Configure CI/CD pipelines with comprehensive test automation')
      const below = r.recorded.filter((x) => x.reason === 'below-min-support').map((x) => `${x.statement.source.path}:${x.statement.source.line}`).sort()
      expect(below).toEqual(['a.md:11', 'a.md:12', 'a.md:8', 'b.md:11'].sort())
      // The cut step carries the bullet written in its very words: it is folded into it, not recorded below the bar.
      expect(r.provenance.sections.flatMap((s) => s.statements).find((s) => s.text.startsWith('Configure CI/CD'))).toMatchObject({ from: ['a.md:10', 'b.md:10'] })
    }
  })

  it('writes a run of phases whole or not at all: phase 2 without phase 1 is not a procedure', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 't', description: 'Tests.', opening: 'You are a test engineer.' })
    const a = doc('a.md', ['## Development Workflow', '', '### 1. Analysis', '', '- Map the modules that the change touches', '', '### 2. Implementation', '', '- Integrate the suite with CI/CD pipelines'])
    const b = doc('b.md', ['## Delivery', '', '- Integrate the suite with CI/CD pipelines', '- Publish the coverage report'])
    for (const order of [[a, b], [b, a]]) {
      const r = mergeAgents(order, { minSupport: 2 })
      const out = renderMerged(r, 'none')
      expect(out).not.toContain('Implementation')
      expect(out).not.toContain('Development Workflow')
      expect(r.recorded.some((x) => x.statement.text === 'Map the modules that the change touches' && x.reason === 'below-min-support')).toBe(true)
    }
  })

  it('titled items under a lead-in in a process section are phases too: written whole or not at all', () => {
    const doc = (path: string, lines: string[]) => agentDoc(path, lines, { name: 't', description: 'Tests.', opening: 'You are a test engineer.' })
    const a = doc('a.md', ['## Implementation Process', '', 'When building features:', '', '1. **Planning**', '   - Define the service boundaries', '2. **Building**', '   - Write the handlers first', '3. **Deployment**', '   - Set up CI/CD pipelines'])
    const b = doc('b.md', ['## Delivery', '', '- Define the service boundaries', '- Set up CI/CD pipelines'])
    for (const order of [[a, b], [b, a]]) {
      const r = mergeAgents(order, { minSupport: 2 })
      const out = renderMerged(r, 'none')
      expect(out).not.toContain('Implementation Process')
      expect(out).not.toContain('**Planning**')
      expect(r.recorded.some((x) => x.statement.text === 'Write the handlers first' && x.reason === 'below-min-support')).toBe(true)
    }
  })

  it('keeps a procedure every step of which is carried, beside another input\'s procedure that is not', () => {
    const doc = (path: string, steps: string[]) => parseAgent(['---', 'name: t', 'description: Tests.', '---', '', 'You are a test engineer.', '', '## Workflow', '', ...steps.map((x, i) => `${i + 1}. ${x}`), ''].join('\n'), path)
    const shared = ['Reproduce the failure with a test', 'Fix the smallest cause', 'Run the whole suite']
    const inputs = [doc('wa.md', shared), doc('wb.md', shared), doc('wc.md', ['Draft a release note', 'Tag the release'])]
    for (const order of [inputs, inputs.slice().reverse()]) {
      const out = renderMerged(mergeAgents(order, { minSupport: 2 }), 'none')
      expect(out).toContain('## Workflow\n\n1. Reproduce the failure with a test\n2. Fix the smallest cause\n3. Run the whole suite\n')
      expect(out).not.toContain('release')
    }
  })
})

describe('sections aligned by what they hold', () => {
  const file = (path: string, lines: string[]) => agentDoc(path, lines, { name: 'tester', description: 'Tests.', opening: '# Tester' })
  const a = file('a.md', ['## Core Quality Philosophy', '', '- Quality is built in, not inspected in', '- Every defect gets a regression test', '', '## Testing', '', '- Run the suite before every push'])
  const b = file('b.md', ['## Capabilities', '', '### Quality Engineering Strategy', '', '- Shift-left testing with early defect detection', '- Risk-based test planning', '', '## Testing Methodology', '', '- Keep unit tests under a second each'])

  it('does not join two sections that hold nothing in common on one shared title word; near-equal titles still join', () => {
    for (const agents of [[a, b], [b, a]]) {
      const sections = sectionsOf(mergeAgents(agents).agent.root).filter((s) => s.kind === 'heading')
      const strategy = sections.find((s) => s.title === 'Quality Engineering Strategy')
      expect(strategy?.depth, sections.map((s) => `${s.depth} ${s.title}`).join('\n')).toBe(3)
      expect(sections.find((s) => s.title === 'Core Quality Philosophy')?.body.filter((x) => x.type === 'statement')).toHaveLength(2)
      // "Testing" / "Testing Methodology": one section holding both inputs' statements.
      const testing = sections.filter((s) => s.title === 'Testing' || s.title === 'Testing Methodology')
      expect(testing).toHaveLength(1)
      expect(testing[0]!.body.filter((x) => x.type === 'statement')).toHaveLength(2)
    }
  })

  it('joins near-equal titles that share no statement only in like places; two lead-ins that differ head two lists', () => {
    const x = file('x.md', ['## Tool Preferences', '', '### Testing', '', '- Jest for unit tests', '', '## Checklists', '', 'Python mastery checklist:', '', '- Metaclasses and descriptors when appropriate', '- Memory efficiency patterns'])
    const y = file('y.md', ['## Development Principles', '', '### Testing Methodology', '', '- Write the failing test first', '', '## Checklists', '', 'Python development checklist:', '', '- Type hints for all function signatures', '- Security scanning with bandit'])
    for (const agents of [[x, y], [y, x]]) {
      const r = mergeAgents(agents)
      const sections = sectionsOf(r.agent.root)
      // "Testing" under Tool Preferences and "Testing Methodology" under Development Principles stay apart.
      expect(sections.filter((s) => s.title === 'Testing' || s.title === 'Testing Methodology').map((s) => s.title).sort()).toEqual(['Testing', 'Testing Methodology'])
      const text = renderMerged(r, 'none')
      expect(text).toMatch(/Python mastery checklist:\n\n- Metaclasses and descriptors when appropriate\n- Memory efficiency patterns\n/)
      expect(text).toMatch(/Python development checklist:\n\n- Type hints for all function signatures\n- Security scanning with bandit\n/)
    }
  })

  it('joins an equal title one level down under a section the other input has nothing like (a level one author added); not under one it has', () => {
    const x = file('x.md', ['## Core Principles', '', '- Keep the build fast', '', '### Success Metrics', '', '- Time from clone to running app', '- Developer satisfaction feedback'])
    const y = file('y.md', ['## Analysis Process', '', '- Profile current developer workflows', '', '## Success Metrics', '', '- **Onboarding Time:** Time from cloning the repository to a running application.', '- **Reduced Friction:** Fewer questions about setup.'])
    for (const agents of [[x, y], [y, x]]) {
      const sections = sectionsOf(mergeAgents(agents).agent.root)
      const metrics = sections.filter((s) => s.title === 'Success Metrics')
      expect(metrics, sections.map((s) => `${s.depth} ${s.title}`).join('\n')).toHaveLength(1)
      expect(metrics[0]!.body.filter((b) => b.type === 'statement')).toHaveLength(4)
    }
    // Where the other input has a like section at its top, the nested one stays under its own parent.
    const z = file('z.md', ['## Core Principles', '', '- Prefer small changes', '', '## Success Metrics', '', '- **Onboarding Time:** Time from cloning the repository to a running application.'])
    for (const agents of [[x, z], [z, x]]) {
      const sections = sectionsOf(mergeAgents(agents).agent.root)
      expect(sections.filter((s) => s.title === 'Success Metrics'), sections.map((s) => `${s.depth} ${s.title}`).join('\n')).toHaveLength(2)
    }
  })

  it('with --base writes a base subsection joined with another input\'s top section where the base has it, under its parent, the other\'s subsections under it', () => {
    const x = file('x.md', ['## Capabilities', '', '### Compliance Standards', '', '- WCAG 2.1 and 2.2 guidelines at level AA', '', '### Screen Reader Optimization', '', '- Live regions for dynamic content', '', '## Behavioral Traits', '', '- Tests with real assistive technology'])
    const y = file('y.md', ['## Communication Style', '', '- I explain accessibility through real user impact', '', '## Compliance Standards', '', '### Semantic HTML First', '', '- Native form controls are accessible by default', '', '## Mobile Accessibility', '', '- Touch targets of at least 44 points'])
    const outline = (agents: Agent[], base?: string) => sectionsOf(mergeAgents(agents, base ? { base } : {}).agent.root).filter((s) => s.kind === 'heading' && s.depth > 1).map((s) => `${s.depth} ${s.title}`)
    for (const agents of [[x, y], [y, x]]) {
      // The base's "### Compliance Standards" stays under its "## Capabilities", a level down, and y's subsection with it.
      const based = outline(agents, 'x.md')
      expect(based.slice(0, 5), based.join('\n')).toEqual(['2 Capabilities', '3 Compliance Standards', '4 Semantic HTML First', '3 Screen Reader Optimization', '2 Behavioral Traits'])
      expect(based.filter((t) => t.endsWith(' Compliance Standards'))).toHaveLength(1)
      // With y as the base, its top section stands at the top, x's statements in it.
      const other = outline(agents, 'y.md')
      expect(other, other.join('\n')).toContain('2 Compliance Standards')
      expect(other[other.indexOf('2 Compliance Standards') + 1]).toBe('3 Semantic HTML First')
      expect(other, other.join('\n')).toContain('3 Screen Reader Optimization')
    }
  })

  it('writes each input\'s own sections as a run between the sections they share, in every input\'s order, whatever the order of the files', () => {
    const w = file('w.md', ['## Focus', '', '- Alpha point here', '', '## Strategies', '', '- Beta point here', '', '## Output', '', '- Research methodology and queries used', '', '## Notes', '', '- Keep it short'])
    const d = file('d.md', ['## When invoked', '', '- Gamma point here', '', '## Process', '', '- Delta point here', '', '## Provide', '', '- Research methodology documentation showing queries used and search strategy'])
    const orders = [[w, d], [d, w]].map((agents) => sectionsOf(mergeAgents(agents).agent.root).filter((s) => s.kind === 'heading' && s.depth === 2).map((s) => s.title))
    expect(orders[1]).toEqual(orders[0])
    const titles = orders[0]!
    const at = (t: string) => titles.indexOf(t)
    // w's Focus and Strategies together, d's When invoked and Process together, both before the shared contract; w's Notes after it.
    expect(Math.abs(at('Focus') - at('Strategies')), titles.join(' | ')).toBe(1)
    expect(Math.abs(at('When invoked') - at('Process')), titles.join(' | ')).toBe(1)
    for (const t of ['Focus', 'Strategies', 'When invoked', 'Process']) expect(at(t)).toBeLessThan(Math.max(at('Output'), at('Provide')))
    expect(at('Notes')).toBe(titles.length - 1)
  })

  it('joins a lead-in block and a heading of one title of two words or more though they share no statement: the heading over the lead-in and its list, where the heading stands, once again when merged with an input (not out of a phase, nor with --base on the block\'s input)', () => {
    const x = file('x.md', ['Game day planning:', '', '- Scenario selection', '- Team preparation', '', 'Integration with other agents:', '', '- Collaborate with sre-engineer on reliability', '- Support devops-engineer on resilience', '', 'Security:', '', '- Rotate the keys', '', 'Query optimization:', '', '- Join optimization', '- Subquery elimination', '', '## Development Workflow', '', '### 1. Analysis', '', '- Map the dependencies', '', '### 2. Improvement', '', '- Fix what broke', '', 'Best practices:', '', '- Keep experiments small', '', '## Workflow', '', 'When invoked:', '', '1. **Review the system**', '', '   Review checklist items:', '', '   - Keep checklists short', '   - Roll back quickly', '', '2. **Harden the system**', '', '   - Measure again'])
    const y = file('y.md', ['## Game Day Planning', '', '- Run a briefing before the exercise', '- Keep a rollback plan ready', '', '## Security', '', '- Never test in production without approval', '', '## Integration with Other Agents', '', '- **With monitoring-expert**: Set up observability for experiments', '', '## Best Practices', '', '- Get approval before production experiments', '', '## Output Format', '', '### For Query Optimization', '', '- Show the original query first', '', '## Review the System', '', '- Read the dashboards', '', '### Review Checklist Items', '', '- Check the alerts first'])
    const game = '## Game Day Planning\n\nGame day planning:\n\n- Scenario selection\n- Team preparation\n- Run a briefing before the exercise\n- Keep a rollback plan ready\n'
    const integration = /## Integration with Other Agents\n\nIntegration with other agents:\n\n(?:- [^\n]+\n){3}/
    for (const out of mergedBothWays(x, y)) {
      expect(out, out).toContain(game)
      expect(out, out).toMatch(integration)
      // A block inside a phase stays in its run: "Best practices:" is written under "### 2. Improvement", not under "## Best Practices".
      expect(out, out).toContain('### 2. Improvement\n\n- Fix what broke\n\nBest practices:\n\n- Keep experiments small\n')
      expect(out, out).toContain('## Best Practices\n\n- Get approval before production experiments\n')
      expect(out.match(/^(?:## Game Day Planning|Game day planning:|## Integration with Other Agents|Integration with other agents:)$/gm), out).toHaveLength(4)
      // One word names too little: "Security:" stays a list of its own, not under "## Security".
      expect(out, out).not.toContain('## Security\n\nSecurity:')
      expect(out, out).toContain('Security:\n\n- Rotate the keys\n')
      // The same key is not the same title: "For Query Optimization", a response format for such requests, is not a list of techniques.
      expect(out, out).toContain('### For Query Optimization\n\n- Show the original query first\n')
      expect(out, out).toContain('Query optimization:\n\n- Join optimization\n- Subquery elimination\n')
      expect(out, out).not.toMatch(/For Query Optimization\n\nQuery optimization:/)
      // A block inside a step stays in its procedure, though the step's title is another input's heading: the step is not lost.
      expect(out, out).toMatch(/^1\. \*\*Review the system\*\*\n\n {3}Review checklist items:\n\n {3}- Keep checklists short\n {3}- Roll back quickly\n\n?2\. \*\*Harden the system\*\*\n/m)
      expect(out, out).toContain('### Review Checklist Items\n\n- Check the alerts first\n')
    }
    // With --base on the block's input its structure wins: the block stays where and as it wrote it, apart from the heading.
    const based = renderMerged(mergeAgents([y, x], { base: 'x.md' }), 'none')
    expect(based, based).toMatch(/^# Tester\n\nGame day planning:\n\n- Scenario selection\n- Team preparation\n\nIntegration with other agents:\n/m)
    expect(based, based).toContain('## Game Day Planning\n\n- Run a briefing before the exercise\n')
    // With --base on the heading's input the block is written under it, as without a base.
    const headed = renderMerged(mergeAgents([x, y], { base: 'y.md' }), 'none')
    expect(headed, headed).toContain('## Game Day Planning\n\nGame day planning:\n\n- Run a briefing before the exercise\n- Keep a rollback plan ready\n- Scenario selection\n- Team preparation\n')
    const merged = parseAgent(renderMerged(mergeAgents([x, y]), 'none'), 'm.md')
    for (const input of [x, y]) {
      const again = renderMerged(mergeAgents([merged, input]), 'none')
      expect(again, again).toContain(game)
      expect(again, again).toMatch(integration)
      expect(again.match(/^(?:## Game Day Planning|Game day planning:|## Integration with Other Agents|Integration with other agents:)$/gm), again).toHaveLength(4)
    }
  })

  it('writes a lead-in joined to a heading of its title only while an item of its own list stays: in a core, the heading\'s subsections kept do not keep it, nor its items folded elsewhere', () => {
    const x = file('x.md', ['Performance optimization:', '', '- Profile with observer before tuning', '- Tune the scheduler bindings', '- Shrink the message queues'])
    const y = file('y.md', ['## Performance Optimization', '', '### BEAM Optimization', '', '- Use ETS tables for shared hot data', '- Avoid large binaries on the process heap'])
    const z = file('z.md', ['## Performance Optimization', '', '### BEAM Optimization', '', '- Use ETS tables for shared hot data', '- Avoid large binaries on the process heap'])
    for (const agents of permutations([x, y, z])) {
      // Without a bar the block is written under the heading, its lead-in over its list.
      const all = renderMerged(mergeAgents(agents), 'none')
      expect(all, all).toMatch(/## Performance Optimization\n\nPerformance optimization:\n\n- Profile with observer before tuning\n/)
      // In a core, x's items are below the bar: its lead-in goes with them, though y's and z's subsection stays under the joined heading.
      const r = mergeAgents(agents, { minSupport: 2 })
      const core = renderMerged(r, 'none')
      expect(core, core).toContain('## Performance Optimization\n\n### BEAM Optimization\n\n- Use ETS tables for shared hot data\n')
      expect(core, core).not.toContain('Performance optimization:')
      expect(r.recorded.find((x) => x.statement.text === 'Performance optimization:')?.reason).toBe('below-min-support')
    }
    // An item of its own list kept (z says it too, in the heading), the lead-in stays over it.
    const w = file('z.md', ['## Performance Optimization', '', '- Profile with observer before tuning', '', '### BEAM Optimization', '', '- Use ETS tables for shared hot data', '- Avoid large binaries on the process heap'])
    for (const agents of permutations([x, y, w])) {
      const core = renderMerged(mergeAgents(agents, { minSupport: 2 }), 'none')
      expect(core, core).toMatch(/Performance optimization:\n\n- Profile with observer before tuning\n/)
      expect(core, core).not.toContain('Tune the scheduler bindings')
    }
    // Its kept item folded into another author's point elsewhere, the list is gone all the same: the lead-in is recorded, not written.
    const v = file('v.md', ['## Tuning', '', '- Profile the running node with observer before any tuning work', '- Keep the supervision tree shallow'])
    const u = file('x.md', ['Performance optimization:', '', '- Profile with observer before tuning', '- Tune the scheduler bindings', '', '## Tuning', '', '- Keep the supervision tree shallow'])
    for (const agents of permutations([v, u, y, z])) {
      const r = mergeAgents(agents, { minSupport: 2 })
      const core = renderMerged(r, 'none')
      expect(core, core).toContain('## Performance Optimization\n\n### BEAM Optimization\n')
      expect(core, core).toContain('## Tuning\n\n- Profile the running node with observer before any tuning work\n')
      expect(core, core).not.toContain('Performance optimization:')
      expect(r.recorded.find((x) => x.statement.text === 'Performance optimization:')?.reason).toBe('lead-without-list')
    }
  })

  it('writes one lead-in over one list where two inputs each write a heading over a lead-in of its very title (two merged files), sharing no statement; an input\'s block still meets the heading, not the list inside it', () => {
    const x = file('x.md', ['## Game Day Planning', '', 'Game day planning:', '', '- Scenario selection', '- Team preparation', '', '## Tooling', '', '- Use chaos toolkit'])
    const y = file('y.md', ['## Game Day Planning', '', 'Game day planning:', '', '- Run a briefing before the exercise', '- Keep a rollback plan ready', '', '## Tooling', '', '- Use litmus'])
    const z = file('z.md', ['Game day planning:', '', '- Measure the blast radius', '', '## Tooling', '', '- Use gremlin'])
    for (const out of mergedBothWays(x, y)) {
      expect(out, out).toContain('## Game Day Planning\n\nGame day planning:\n\n- Scenario selection\n- Team preparation\n- Run a briefing before the exercise\n- Keep a rollback plan ready\n')
      expect(out.match(/^Game day planning:$/gm), out).toHaveLength(1)
    }
    for (const out of mergedBothWays(x, z)) {
      expect(out, out).toMatch(/## Game Day Planning\n\nGame day planning:\n\n(?:- [^\n]+\n){3}/)
      expect(out.match(/^(?:## Game Day Planning|Game day planning:)$/gm), out).toHaveLength(2)
    }
  })

  it('reads a block\'s title and a heading\'s word for word as the section key does, accents aside: "Resume screening:" meets "## Résumé Screening"', () => {
    const x = file('x.md', ['Resume screening:', '', '- Score each candidate on the rubric', '', '## Tooling', '', '- Use the tracker'])
    const y = file('y.md', ['## Résumé Screening', '', '- Flag gaps in employment history', '', '## Tooling', '', '- Use the spreadsheet'])
    for (const out of mergedBothWays(x, y)) {
      expect(out, out).toMatch(/## Résumé Screening\n\nResume screening:\n\n(?:- [^\n]+\n){2}/)
    }
  })

  it('writes a joined block\'s lead-in right before its list, after what the heading holds first (a bold lead-in of its own over a diagram): merged again, nothing is added', () => {
    // As nextjs-expert's inputs (corpus check): VoltAgent's "App Router architecture:" joined rshah515's heading, whose own
    // "**Modern file-based routing ...:**" was written between the lead-in and its list and, read back, took the list as its own
    // (y says more, so it decides and its run comes first).
    const x = file('x.md', ['## Architecture', '', 'App router architecture:', '', '- Layout patterns', '- Route groups', '', '## Tooling', '', '- Use the CLI'])
    const y = file('y.md', ['## Architecture', '', '### App Router Architecture', '', '**Modern file-based routing with nested layouts:**', '', '```text', 'app/layout.tsx', '```', '', '## Tooling', '', '- Use the dev server', '- Run the linter before each commit', '- Keep builds fast'])
    for (const agents of [[x, y], [y, x]]) {
      const out = renderMerged(mergeAgents(agents), 'none')
      expect(out, out).toContain('App router architecture:\n\n- Layout patterns\n- Route groups\n')
      const merged = parseAgent(out, 'm.md')
      const count = statementsOf(merged.root).length
      for (const input of [x, y]) expect(mergeAgents([merged, input]).summary.statementsOut, out).toBe(count)
    }
  })

  it('keeps a bold lead-in with its list apart from a heading of a like title: never promoted to a heading', () => {
    const x = file('x.md', ['## Expertise', '', '**Performance Optimization Techniques**:', '', '- Application-level caching and memoization', '- CDN integration and static asset optimization'])
    const y = file('y.md', ['## Development Approach', '', '### Performance Optimization', '', '- Response time targets (< 100ms p95)', '- Caching layers (Redis, Memcached)'])
    for (const agents of [[x, y], [y, x]]) {
      const sections = sectionsOf(mergeAgents(agents).agent.root)
      expect(sections.find((s) => s.title.startsWith('Performance Optimization Techniques'))?.kind).toBe('label')
      expect(sections.find((s) => s.title === 'Performance Optimization')?.kind).toBe('heading')
    }
  })

  it('keeps a titled list item with its nested list apart from a heading of a like title', () => {
    const x = file('x.md', ['## Core Competencies', '', '- **Advanced Python Mastery:**', '  - **Idiomatic Code:** Follow PEP 8 and community idioms.', '  - **Concurrency:** Use asyncio for I/O-bound work.', '- **Testing:**', '  - **Coverage:** Keep coverage over 90%.'])
    const y = file('y.md', ['## Capabilities', '', '### Advanced Python Patterns', '', '- Dependency injection and inversion of control', '- Plugin architectures and extensible systems'])
    for (const agents of [[x, y], [y, x]]) {
      const sections = sectionsOf(mergeAgents(agents).agent.root)
      const item = sections.find((s) => s.title.startsWith('Advanced Python Mastery'))
      expect(item?.kind).toBe('item')
      expect(item!.body.filter((b) => b.type === 'statement').map((b) => (b as { text: string }).text)).toEqual(['Idiomatic Code: Follow PEP 8 and community idioms.', 'Concurrency: Use asyncio for I/O-bound work.'])
      expect(sections.find((s) => s.title === 'Advanced Python Patterns')?.kind).toBe('heading')
    }
  })
})
