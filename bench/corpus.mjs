// Synthetic corpora for the scale rows of `npm run bench`: N agent files made
// deterministically (a seeded PRNG) from the five backend-developer fixtures,
// each about 100 statements: the fixture's sections in a shuffled order, its
// items reordered within their lists, reworded (synonyms, fillers dropped or
// added, softened imperatives), moved between sections, borrowed from the
// other fixtures, and a few statements that no other file has (so that the
// vocabulary keeps growing with the corpus, as a real one would).
//
//   node bench/corpus.mjs 100 /tmp/corpus-100   # writes agent-0000.md ...
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rng } from '../scripts/lib/rng.mjs'

const FIXTURES = fileURLToPath(new URL('../fixtures/backend-developer/', import.meta.url))

const pick = (r, list) => list[Math.floor(r() * list.length)]

function shuffle(r, list) {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

// Rewordings a person makes when copying an agent file: synonyms, fillers.
const SYNONYMS = [
  [/\bImplement\b/g, ['Build', 'Create', 'Develop']],
  [/\bimplement\b/g, ['build', 'create', 'develop']],
  [/\bDesign\b/g, ['Architect', 'Plan']],
  [/\bUse\b/g, ['Apply', 'Employ', 'Leverage']],
  [/\bEnsure\b/g, ['Make sure', 'Guarantee']],
  [/\bensure\b/g, ['make sure', 'guarantee']],
  [/\bdatabase\b/g, ['DB', 'data store']],
  [/\bAPIs\b/g, ['API endpoints', 'services']],
  [/\boptimization\b/g, ['tuning', 'optimisation']],
  [/\bperformance\b/g, ['speed', 'efficiency']],
  [/\bsecurity\b/g, ['safety', 'protection']],
  [/\bcomprehensive\b/g, ['thorough', 'complete', 'extensive']],
  [/\brobust\b/g, ['resilient', 'solid', 'reliable']],
  [/\bscalable\b/g, ['horizontally scalable', 'elastic']],
  [/\bmonitoring\b/g, ['observability', 'telemetry']],
  [/\berror handling\b/gi, ['failure handling', 'error management']],
  [/\bauthentication\b/g, ['authn', 'identity verification']],
  [/\btests\b/g, ['test suites', 'automated tests']],
  [/\bfor\b/g, ['for', 'to support']],
  [/ and /g, [' and ', ' & ', ', plus ']],
]
const FILLERS = /\b(?:proper|appropriate|efficient|effective|clear|clean|strong|best|modern|advanced)\s+/g
const PREFIXES = ['Always ', 'Make sure to ', 'Be sure to ', 'You should ', 'Remember to ']
const SUFFIXES = [' where appropriate', ' when relevant', ' in every service', ' from the start', ' consistently']

/** A rewording of one statement's text (the Markdown after its list marker). */
function reword(r, text) {
  let out = text
  for (const [pattern, choices] of SYNONYMS) {
    if (pattern.test(out) && r() < 0.5) out = out.replace(pattern, () => pick(r, choices))
    pattern.lastIndex = 0
  }
  if (r() < 0.3) out = out.replace(FILLERS, '')
  if (r() < 0.2 && /^[A-Z][a-z]/.test(out)) out = pick(r, PREFIXES) + out[0].toLowerCase() + out.slice(1)
  if (r() < 0.2) out = out.replace(/[.!]?$/, (end) => pick(r, SUFFIXES) + end)
  return out
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ru', 'te', 'zan', 'qui', 'vor', 'pex', 'dul', 'sam', 'bri', 'nox', 'fel', 'gra', 'hin', 'o', 'ba']
const word = (r) => Array.from({ length: 2 + Math.floor(r() * 2) }, () => pick(r, SYLLABLES)).join('')
const TEMPLATES = [
  (r) => `Coordinate with the ${word(r)} team before changing the ${word(r)} service`,
  (r) => `Keep the ${word(r)} queue and the ${word(r)} cache in sync on every deploy`,
  (r) => `Document every ${word(r)} endpoint in the ${word(r)} handbook`,
  (r) => `Never call the ${word(r)} API from the ${word(r)} worker directly`,
  (r) => `Run \`${word(r)}-check\` before merging changes to ${word(r)}`,
]

/**
 * A fixture split into what the generator moves around: its frontmatter, the
 * part before its first heading, and its sections, each a heading line and
 * units. A unit is a block of lines: a top-level list item with everything
 * indented under it, a paragraph, a fenced code block or a table.
 */
function splitFixture(text) {
  const lines = text.replace(/\r\n/g, '\n').split('\n')
  let i = 0
  let frontmatter = []
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1)
    frontmatter = lines.slice(0, end + 1)
    i = end + 1
  }
  const sections = [{ heading: null, units: [] }]
  let unit = null
  let fence = false
  const close = () => {
    if (unit) sections[sections.length - 1].units.push(unit)
    unit = null
  }
  for (; i < lines.length; i++) {
    const line = lines[i]
    if (fence) {
      unit.lines.push(line)
      if (/^(```|~~~)/.test(line)) {
        fence = false
        close()
      }
      continue
    }
    if (/^(```|~~~)/.test(line)) {
      close()
      unit = { kind: 'block', lines: [line] }
      fence = true
      continue
    }
    if (/^#{1,6} /.test(line)) {
      close()
      sections.push({ heading: line, units: [] })
      continue
    }
    if (line.trim() === '') {
      // A blank line ends a paragraph; list items and their children go on.
      if (unit && unit.kind !== 'item') close()
      continue
    }
    const item = /^(?:[-*+]|\d+[.)]) /.test(line)
    if (item) {
      close()
      unit = { kind: 'item', lines: [line] }
    } else if (/^\s/.test(line) && unit?.kind === 'item') unit.lines.push(line)
    else if (unit && unit.kind !== 'item') unit.lines.push(line)
    else {
      close()
      unit = { kind: 'block', lines: [line] }
    }
  }
  close()
  return { frontmatter, sections }
}

/** A unit that can be reworded and moved on its own: a one-line item with no children. */
const simple = (unit) => unit.kind === 'item' && unit.lines.length === 1 && !/^\S+ \*\*[^*]+\*\*:?\s*$/.test(unit.lines[0])

function itemText(line) {
  const m = /^((?:[-*+]|\d+[.)]) (?:\[[ xX]\] )?)(.*)$/.exec(line)
  return m ? { marker: m[1], text: m[2] } : { marker: '- ', text: line }
}

let cachedFixtures
function fixtures() {
  cachedFixtures ??= readdirSync(FIXTURES).filter((f) => f.endsWith('.md')).sort().map((f) => ({ name: f, ...splitFixture(readFileSync(join(FIXTURES, f), 'utf8')) }))
  return cachedFixtures
}

const countStatements = (sections) => sections.reduce((n, s) => n + s.units.reduce((m, u) => m + (u.kind === 'item' ? Math.max(1, u.lines.filter((l) => /^\s*(?:[-*+]|\d+[.)]) /.test(l)).length) : 1), 0), 0)

/** The text of synthetic agent number `index` (the same for the same index and seed). */
export function makeAgent(index, seed = 1) {
  const r = rng(seed * 1000003 + index * 7919)
  const all = fixtures()
  const base = all[index % all.length]
  const donors = all.filter((f) => f !== base)
  const sections = base.sections.map((s) => ({ heading: s.heading, units: s.units.map((u) => ({ ...u, lines: [...u.lines] })) }))

  // Reorder: the top-level sections (each with its subsections), and items within each section.
  const [lead, ...rest] = sections
  const depth = (s) => /^#+/.exec(s.heading)[0].length
  const top = Math.min(...rest.map(depth))
  const groups = []
  for (const section of rest) {
    if (groups.length === 0 || depth(section) <= top) groups.push([section])
    else groups[groups.length - 1].push(section)
  }
  const ordered = [lead, ...(r() < 0.6 ? shuffle(r, groups) : groups).flat()]
  for (const section of ordered) {
    if (r() < 0.4) {
      const slots = section.units.map((u, k) => (simple(u) ? k : -1)).filter((k) => k >= 0)
      const moved = shuffle(r, slots.map((k) => section.units[k]))
      slots.forEach((k, n) => (section.units[k] = moved[n]))
    }
  }
  // Reword and move simple items; drop a few to keep files near 100 statements.
  const target = 90 + Math.floor(r() * 21)
  const withHeading = ordered.filter((s) => s.heading)
  let count = countStatements(ordered)
  const simples = ordered.reduce((n, sec) => n + sec.units.filter(simple).length, 0)
  const drop = Math.max(0, (count - target) / Math.max(1, simples))
  for (const section of ordered) {
    section.units = section.units.flatMap((unit) => {
      if (!simple(unit)) return [unit]
      if (count > target && r() < drop) {
        count--
        return []
      }
      const { marker, text } = itemText(unit.lines[0])
      const next = { kind: 'item', lines: [marker + (r() < 0.35 ? reword(r, text) : text)] }
      if (withHeading.length > 1 && r() < 0.08) {
        pick(r, withHeading).units.push({ kind: 'item', lines: ['- ' + itemText(next.lines[0]).text], moved: true })
        return []
      }
      return [next]
    })
  }
  // Borrow statements from the other fixtures until the file is near its target.
  const borrowable = donors.flatMap((d) => d.sections.flatMap((s) => s.units.filter(simple)))
  const homes = withHeading.length > 0 ? withHeading : ordered
  while (count < target && borrowable.length > 0) {
    const { text } = itemText(pick(r, borrowable).lines[0])
    pick(r, homes).units.push({ kind: 'item', lines: ['- ' + (r() < 0.5 ? reword(r, text) : text)], moved: true })
    count++
  }
  // A few statements no other file has.
  const own = 3 + Math.floor(r() * 4)
  for (let k = 0; k < own; k++) pick(r, homes).units.push({ kind: 'item', lines: ['- ' + pick(r, TEMPLATES)(r)], moved: true })

  const frontmatter = base.frontmatter.map((line) => line.replace(/^name: (.*)$/, (_, name) => `name: ${name}-${String(index).padStart(4, '0')}`))
  const out = []
  if (frontmatter.length > 0) out.push(frontmatter.join('\n'), '')
  for (const section of ordered) {
    if (section.heading) out.push(section.heading, '')
    let previous = null
    for (const unit of section.units) {
      // Items in a row form one list; anything else stands apart.
      if (previous && !(previous.kind === 'item' && unit.kind === 'item' && !unit.moved === !previous.moved)) out.push('')
      out.push(unit.lines.join('\n'))
      previous = unit
    }
    if (section.units.length > 0) out.push('')
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').replace(/\n*$/, '\n')
}

/** Writes `count` synthetic agents into `dir` (emptied first); returns the paths and sizes. */
export function writeCorpus(dir, count, seed = 1) {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const files = []
  let bytes = 0
  for (let i = 0; i < count; i++) {
    const text = makeAgent(i, seed)
    const path = join(dir, `agent-${String(i).padStart(4, '0')}.md`)
    writeFileSync(path, text)
    files.push(path)
    bytes += Buffer.byteLength(text)
  }
  return { dir, files, bytes }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const count = Number(process.argv[2] ?? 100)
  const dir = process.argv[3] ?? `/tmp/agentmerge-corpus-${count}`
  const { files, bytes } = writeCorpus(dir, count, Number(process.argv[4] ?? 1))
  console.log(`${files.length} files, ${(bytes / 1024).toFixed(0)} KiB in ${dir}`)
}
