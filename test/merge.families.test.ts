// The merge on the three labelled families (fixtures/backend-developer,
// python-pro, test-automator) through the library API and the CLI: one
// identity, lead-ins with their lists, procedures in order, no invented
// heading, no empty section, tools never widened, no field of another
// dialect, the same bytes for every input order, nothing lost, idempotence,
// `--min-support 2` and `--base auto`, and the golden merged files.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dedupAgents, mergeAgents, normalizeAgent, parseAgent, readAgent, renderMerged, sectionsOf, statementsOf, type Agent, type MergeResult, type Section, type Statement } from '../src/index.js'
import { openingsOf } from '../src/merge/identity.js'
import { dialect, dialects, fieldsOf } from '../src/dialects/index.js'
import { PROCESS } from '../src/merge/units.js'
import { NUMBERING } from '../src/align/index.js'
import { cli } from './helpers/cli.js'
import { at, inputPlaces, provenancePlaces } from './merge.helpers.js'
import { tempDir } from './helpers/tmp.js'

const FAMILIES = ['backend-developer', 'python-pro', 'test-automator']
const pathsOf = (family: string) => readdirSync(`fixtures/${family}`).sort().map((f) => `fixtures/${family}/${f}`)
const unnumbered = (t: string) => t.replace(NUMBERING, '')

/** Output statement -> its fold's members, from the provenance. */
function written(result: MergeResult): Array<{ text: string; wording: string; from: string[]; carriedBy?: string[] }> {
  return result.provenance.sections.flatMap((s) => s.statements)
}

for (const family of FAMILIES) {
  describe(`merge of ${family}`, () => {
    const agents: Agent[] = pathsOf(family).map((p) => readAgent(p))
    const result = mergeAgents(agents)
    const text = renderMerged(result)
    const merged = parseAgent(text, 'merged.md')
    const byPlace = new Map(agents.flatMap((a) => statementsOf(a.root)).map((s) => [at(s), s]))
    // The consensus core and the grouping, made once: the tests below only read them.
    const core = mergeAgents(agents, { minSupport: 2 })
    const grouping = dedupAgents(agents)

    it('writes every title as its author wrote it (a bold lead-in keeps its colon inside the bold)', () => {
      // Each input title as written (mojibake repaired), and without the number a heading had in its own file ("1. Plan" -> "Plan").
      const inputTitles = new Set(agents.flatMap((a) => sectionsOf(a.root).flatMap((s) => (s.written ? [s.written.text, unnumbered(s.written.text)] : []))))
      const titled = sectionsOf(merged.root).filter((s) => s.kind !== 'root' && s.written !== undefined)
      expect(titled.length).toBeGreaterThan(0)
      // A numbered heading may be written without its number (numbering is structure): its words are an author's.
      for (const s of titled) expect(inputTitles.has(s.written!.text) || inputTitles.has(unnumbered(s.written!.text)), s.written!.text).toBe(true)
    })

    it.each([[{}], [{ minSupport: 2 }], [{ base: 'auto' }], [{ minSupport: 2, base: 'auto' }]])('writes every heading (with %o) as an input heading\'s text, at most less its number: never a number its author did not give it', (options) => {
      const inputs = new Set(agents.flatMap((a) => sectionsOf(a.root).filter((s) => s.kind === 'heading').map((s) => s.title)))
      const bare = new Set([...inputs].map(unnumbered))
      const out = parseAgent(renderMerged(mergeAgents(agents, options)), 'merged.md')
      const headings = sectionsOf(out.root).filter((s) => s.kind === 'heading').map((s) => s.title)
      expect(headings.length).toBeGreaterThan(0)
      // A reader found "### 2. Design Execution" written as "### 1. Design Execution" by a core that left out its "### 1.".
      for (const h of headings) expect(inputs.has(h) || (unnumbered(h) === h && bare.has(h)), h).toBe(true)
    })

    it('writes no line that no input has (markers, numbering, indentation and heading depth aside)', () => {
      // Structure around statements is canonical; the words on a line are one author's.
      const strip = (line: string) => line.replace(/^\s*(?:>\s*)*/, '').replace(/^(?:#+\s+|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)/, '').replace(/^\d+[.)]\s+/, '').trimEnd()
      const lines = (md: string) => md.replace(/^---\n[\s\S]*?\n---\n/, '').split('\n').map(strip).filter((l) => l !== '' && !l.startsWith('<!-- agentmerge'))
      const inputLines = new Set(agents.flatMap((a) => lines(normalizeAgent(a))))
      // This merge, and the golden --min-support 2 and --base auto merges (the golden test holds them to the CLI's output).
      for (const md of [text, ...['min-support-2', 'base-auto'].map((v) => readFileSync(`fixtures/merged/${family}.${v}.md`, 'utf8'))]) {
        expect(lines(md).filter((l) => !inputLines.has(l))).toEqual([])
      }
    })

    it('opens with exactly one role statement', () => {
      expect(openingsOf(merged)).toHaveLength(1)
    })

    it('writes every lead-in followed by its list', () => {
      const out = statementsOf(merged.root)
      const leads = new Set(written(result).filter((w) => w.text.endsWith(':') && w.from.some((f) => isBlockLead(agents, f))).map((w) => w.text))
      for (const body of sectionsOf(merged.root).map((s) => s.body)) {
        body.forEach((b, i) => {
          if (b.type !== 'statement' || !leads.has(b.text) || b.kind !== 'paragraph') return
          const next = body[i + 1]
          expect(next && ((next.type === 'statement' && (next.kind === 'item' || next.kind === 'task')) || (next.type === 'section' && next.kind === 'item')), b.text).toBeTruthy()
        })
      }
      expect(out.length).toBe(result.summary.statementsOut)
    })

    it('keeps the steps of every numbered procedure in order', () => {
      const position = new Map<string, number>()
      written(result).forEach((w, i) => w.from.forEach((f) => position.set(f, i)))
      for (const agent of agents) {
        for (const section of sectionsOf(agent.root)) {
          // A procedure: a numbered list under a title or lead-in that names a process.
          const lead = section.body.find((b): b is Statement => b.type === 'statement' && b.kind === 'paragraph' && b.text.endsWith(':'))
          if (!PROCESS.test(section.title) && !(lead && PROCESS.test(lead.text))) continue
          const steps = section.body.filter((b): b is Statement => b.type === 'statement' && b.kind === 'item' && b.placement.ordered === true)
          const places = steps.map((s) => position.get(at(s))).filter((p): p is number => p !== undefined)
          const distinct = places.filter((p, i) => i === 0 || p !== places[i - 1])
          expect(distinct, `${agent.path} ${section.title}`).toEqual([...distinct].sort((x, y) => x - y))
        }
      }
    })

    it('keeps every run of numbered phase headings under a process title in order, none moved into another section', () => {
      // Where each statement written as it stood (not folded with another's) is written.
      const position = new Map<string, number>()
      written(result).forEach((w, i) => w.from.length === 1 && position.set(w.from[0]!, i))
      const sectionOfPlace = new Map<string, string>()
      for (const s of sectionsOf(merged.root)) for (const b of s.body) if (b.type === 'statement') sectionOfPlace.set(b.text, s.title)
      for (const agent of agents) {
        for (const parent of sectionsOf(agent.root)) {
          if (!PROCESS.test(parent.title)) continue
          const phases = parent.body.filter((b): b is Section => b.type === 'section' && b.kind === 'heading' && NUMBERING.test(b.title))
          if (phases.length < 2) continue
          // Each phase's first statement written on its own comes after the last phase's, and its first statement is under the phase's title (numbered or not).
          const firsts = phases.map((p) => Math.min(...statementsOf(p).map((s) => position.get(at(s)) ?? Infinity)))
          expect(firsts, `${agent.path} ${parent.title}`).toEqual([...firsts].sort((x, y) => x - y))
          for (const p of phases) {
            const first = statementsOf(p)[0]!
            const w = written(result).find((x) => x.from.includes(at(first)))!
            expect(unnumbered(sectionOfPlace.get(w.text) ?? ''), `${agent.path} ${p.title}`).toBe(unnumbered(p.title))
          }
        }
      }
    })

    it('writes no heading that was not a heading in an input, and no empty section', () => {
      // A heading written inside a list item reads back as a statement.
      expect(statementsOf(merged.root).filter((s) => s.kind === 'heading').map((s) => s.text)).toEqual([])
      const titles = new Set(agents.flatMap((a) => sectionsOf(a.root).filter((s) => s.kind === 'heading').map((s) => unnumbered(s.title))))
      for (const s of sectionsOf(merged.root).slice(1)) {
        if (s.kind === 'heading') expect(titles.has(unnumbered(s.title)), s.title).toBe(true)
        expect(s.body.length, s.title).toBeGreaterThan(0)
      }
    })

    it('never widens tools and writes no field of another dialect', () => {
      const explicit = new Set(agents.flatMap((a) => (a.meta.tools ?? []).filter((t) => t.enabled).map((t) => t.id)))
      for (const t of result.agent.meta.tools ?? []) expect(explicit.has(t.id), t.id).toBe(true)
      const to = result.agent.meta.dialect
      const own = fieldsOf(dialect(to))
      const others = dialects().filter((d) => d.id !== to).flatMap(fieldsOf)
      for (const f of result.agent.meta.fields) expect(own.includes(f.key) || !others.includes(f.key), f.key).toBe(true)
    })

    it('gives the same bytes, frontmatter and notes included, for every input order', () => {
      const reversed = mergeAgents([...agents].reverse())
      const rotated = mergeAgents([...agents.slice(2), ...agents.slice(0, 2)])
      expect(renderMerged(reversed, 'inline')).toBe(renderMerged(result, 'inline'))
      expect(renderMerged(rotated, 'inline')).toBe(renderMerged(result, 'inline'))
      // The consensus core too, with its support counted at dedup's bar (carriedBy in the sidecar).
      const coreReversed = mergeAgents([...agents].reverse(), { minSupport: 2 })
      expect(renderMerged(coreReversed, 'inline')).toBe(renderMerged(core, 'inline'))
      expect(JSON.stringify(coreReversed.provenance.sections)).toBe(JSON.stringify(core.provenance.sections))
    })

    it('loses nothing: every statement is written, folded, or recorded (opening not chosen, conflict)', () => {
      expect(provenancePlaces(result)).toEqual(inputPlaces(agents))
      for (const w of written(result)) expect(byPlace.get(w.wording)!.text).toBe(w.text)
    })

    it.each([['default'], ['--min-support 2']])('(%s) every input section title heads an output section or is listed as not written', (mode) => {
      const r = mode === 'default' ? result : core
      const titled = new Set([...r.provenance.sections.flatMap((s) => s.from), ...(r.provenance.titlesNotWritten ?? []).map((t) => t.from)])
      for (const a of agents) for (const s of sectionsOf(a.root)) if (s.kind !== 'root') expect(titled.has(at(s)), `${at(s)} ${s.title}`).toBe(true)
      // Listed only when no output section stands for it.
      const heading = new Set(r.provenance.sections.flatMap((s) => s.from))
      for (const t of r.provenance.titlesNotWritten ?? []) expect(heading.has(t.from), t.from).toBe(false)
    })

    it.each([['default'], ['--min-support 2']])('(%s) writes an example request in quotes only when every statement it stands for is one', (mode) => {
      const r = mode === 'default' ? result : core
      const quoted = (t: string) => /^\s*(?:"[^"]+"|\u201c[^\u201c\u201d]+\u201d)[.,;!?]?\s*$/.test(t)
      for (const w of written(r)) {
        if (!quoted(w.text)) continue
        const said = [...w.from, ...(w.carriedBy ?? [])].map((f) => byPlace.get(f)!.text)
        expect(said.filter((t) => !quoted(t)), `${w.text} <- ${w.from.join(' ')}`).toEqual([])
      }
    })

    it('is idempotent: merging the merged file with an input adds nothing', () => {
      const count = statementsOf(merged.root).length
      for (const agent of agents) expect(mergeAgents([merged, agent]).summary.statementsOut, agent.path).toBeLessThanOrEqual(count)
    })

    it.each([[{}], [{ base: 'auto' }]])('--min-support 2 (with %o): every statement written is carried by two inputs (or is the opening or a lead-in), in its words or in words dedup groups with them; nothing lost', (more) => {
      const r = 'base' in more ? mergeAgents(agents, { minSupport: 2, ...more }) : core
      const pathOf = (place: string) => place.slice(0, place.lastIndexOf(':'))
      const opening = r.provenance.sections[0]!.statements[0]!
      // The support bar is dedup's: a statement carried in other words is one dedup groups with it.
      const d = grouping
      const groupOf = new Map(d.statements.map((s, i) => [at(s), d.grouping.group[i]!]))
      let carried = 0
      for (const w of written(r)) {
        if (w === opening) continue
        const isLead = w.text.endsWith(':') && w.from.some((f) => isBlockLead(agents, f))
        if (isLead) continue
        const own = new Set(w.from.map((f) => groupOf.get(f)))
        for (const c of w.carriedBy ?? []) expect(own.has(groupOf.get(c)), `${w.text} <- ${c}`).toBe(true)
        for (const c of w.carriedBy ?? []) expect(w.from.map(pathOf), `${w.text} <- ${c}`).not.toContain(pathOf(c))
        expect(new Set([...w.from, ...(w.carriedBy ?? [])].map(pathOf)).size, w.text).toBeGreaterThanOrEqual(2)
        if (w.carriedBy) carried++
      }
      expect(carried).toBeGreaterThan(0)
      expect(provenancePlaces(r)).toEqual(inputPlaces(agents))
      expect(r.provenance.recorded.some((x) => x.reason === 'below-min-support')).toBe(true)
    })

    it('--base auto: a statement the base carries is written in its words; nothing lost', () => {
      const r = mergeAgents(agents, { base: 'auto' })
      const base = r.decider
      for (const w of written(r)) {
        const mine = w.from.filter((f) => f.startsWith(`${base}:`))
        if (mine.length > 0 && !w.text.endsWith(':')) expect(mine, w.text).toContain(w.wording)
      }
      expect(provenancePlaces(r)).toEqual(inputPlaces(agents))
    })

    it('writes the golden merged files (default, --min-support 2, --base auto) byte for byte', async () => {
      const dir = tempDir('agentmerge-families-')
      for (const [suffix, extra] of [['', []], ['.min-support-2', ['--min-support', '2']], ['.base-auto', ['--base', 'auto']]] as const) {
        const out = join(dir, `${family}${suffix}.md`)
        const r = await cli(['-q', ...pathsOf(family), ...extra, '-o', out])
        expect(r.code, r.stderr).toBe(0)
        expect(readFileSync(out, 'utf8')).toBe(readFileSync(`fixtures/merged/${family}${suffix}.md`, 'utf8'))
      }
    })
  })
}

/** Whether the statement at `place` is a paragraph ending with ":" right before a list in its input. */
function isBlockLead(agents: readonly Agent[], place: string): boolean {
  for (const a of agents) {
    for (const s of sectionsOf(a.root)) {
      const i = s.body.findIndex((b) => b.type === 'statement' && at(b) === place)
      if (i === -1) continue
      const next = s.body[i + 1]
      return next !== undefined && ((next.type === 'statement' && (next.kind === 'item' || next.kind === 'task')) || (next.type === 'section' && next.kind === 'item'))
    }
  }
  return false
}
