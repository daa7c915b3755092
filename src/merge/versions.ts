// Versions of one named thing that inputs give differently: one author
// writes "OpenAPI 3.0", another "OpenAPI 3.1"; "Python 3.8" beside "Python
// 3.12". Such statements rarely share enough words to be on one topic for
// the conflict test (conflicts.ts), so both are written, and the merge
// reports the names whose versions disagree, as it reports a retired name
// (superseded.ts). A version is a number after a capitalised name that some
// input gives a dotted version ("Rails 8.0+" makes "Rails 7" a version too),
// so "Top 10" is no version, and neither are "Node 18" / "Node 20" when no
// input writes a dot: a missed report costs less than a false one. Words
// that number the parts of a document or a plan ("Phase 2.1", "Appendix
// 3", "Step 4") are no names. Inputs are counted by the members of each
// written fold, so a statement three inputs share counts three times. "3" and "3.12" agree (one is a prefix of the
// other), "3.0+" is every version from 3.0 on, and "7.x through 8.1" (or
// "–", or "to" before a dotted version) every version from 7 to 8.1.
import type { Statement } from '../model.js'
import { byCodeUnits, bySource } from '../order.js'
import type { Fold } from './fold.js'
import { ASIDE, QUOTED } from './superseded.js'

/** A name (capitalised, at least two characters: "OpenAPI", "Node.js", "C++") and a version after it ("3.1", "v18", "3.0+", "3.x"). */
const VERSIONED = /(?<![\w.+#/-])([A-Z][\w.+#-]*[A-Za-z+#])[ \t]?v?(\d+(?:\.\d+)*)(\+|\.x)?(?![\w%]|[.-]\d)/g
/** Inline code: code says what it says, not which version to use. */
const CODE = /`[^`]*`/g
/**
 * The end of a range after a version: "through 8.1", "– 8.x", and "to 3.12"
 * with a dotted end only ("Limit PostgreSQL 15 to 200 connections" names no
 * range).
 */
const UP_TO = /^[ \t]*(?:(?:through|thru|–|—)[ \t]*v?(\d+(?:\.\d+)*)|(?:to|until)[ \t]*v?(\d+(?:\.\d+)+))(?:\.x)?(?![\w%]|[.-]\d)/

/** Words that number the parts of a document or a plan, not a product's versions. */
const PARTS = /^(?:appendix|article|chapter|clause|day|example|exercise|figure|item|lesson|level|milestone|module|part|phase|point|priority|question|round|rule|section|sprint|stage|step|table|task|tier|unit|week)$/i

/** One mention of a versioned name. */
interface Mention {
  statement: Statement
  /** The inputs that say it: the paths of its fold's members. */
  paths: readonly string[]
  name: string
  /** As the statement gives it, a range's end or a `+` included: "3.1", "3.0+", "7–8.1". */
  version: string
  /** The first version it takes in. */
  from: number[]
  /** The last ("3.1"; "3" takes in every 3.x), or undefined for every version from `from` on ("3.0+"). */
  to: number[] | undefined
}

/** The names with a number after them that a written fold's statement mentions. */
function versionsIn(fold: Fold): Mention[] {
  const s = fold.statement
  if (s.kind === 'code') return []
  const paths = [...new Set(fold.members.map((m) => m.source.path))]
  const out: Mention[] = []
  // A version set aside ("modernize legacy Python 2 code", "migrate from Python 2") is not one the statement asks for.
  const text = s.text.replace(CODE, ' ').replace(QUOTED, ' ').replace(ASIDE, ' ')
  for (const m of text.matchAll(VERSIONED)) {
    const [, name, version, open] = m
    if (PARTS.test(name!)) continue
    const upTo = open === '+' ? undefined : UP_TO.exec(text.slice(m.index + m[0].length))
    const end = upTo ? upTo[1] ?? upTo[2] : undefined
    const shown = open === '+' ? `${version}+` : end !== undefined ? `${version}–${end}` : version!
    out.push({ statement: s, paths, name: name!, version: shown, from: parts(version!), to: open === '+' ? undefined : parts(end ?? version!) })
  }
  return out
}

const parts = (v: string): number[] => v.split('.').map(Number)

/** a - b, component by component (a missing component counts as 0). */
function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0)
  return 0
}

/** Whether version a comes before every version b takes in: "3.0" before "3.1", not "3" before "3.12" (a prefix takes in the longer one). */
function before(a: number[], b: number[]): boolean {
  const n = Math.min(a.length, b.length)
  return compare(a.slice(0, n), b.slice(0, n)) < 0
}

/** Whether two mentions of one name agree: the versions they take in meet ("3" and "3.12"; "3.x" reads as "3"; "3.0+" and "3.1"; "7–8.1" and "8.0+"). */
function agree(a: Mention, b: Mention): boolean {
  return !(a.to !== undefined && before(a.to, b.from)) && !(b.to !== undefined && before(b.to, a.from))
}

/** A name whose versions disagree across inputs: the version most inputs give first, then each version that disagrees with it, each with the statements that give it and how many inputs do. */
export interface VersionClash {
  name: string
  versions: Array<{ version: string; statements: Statement[]; inputs: number }>
}

/**
 * The names written statements of different inputs give in versions that
 * disagree with the version most inputs give (then the first by text).
 * Each version's statements in source order; the disagreeing versions by
 * how many inputs give them (most first), then by their text.
 */
export function versionClashes(written: readonly Fold[]): VersionClash[] {
  const byName = new Map<string, Mention[]>()
  for (const f of written) {
    for (const m of versionsIn(f)) {
      const key = m.name.toLowerCase()
      const list = byName.get(key)
      if (list) list.push(m)
      else byName.set(key, [m])
    }
  }
  const out: VersionClash[] = []
  for (const mentions of byName.values()) {
    const byVersion = new Map<string, Mention[]>()
    for (const m of mentions) {
      const list = byVersion.get(m.version)
      if (list) list.push(m)
      else byVersion.set(m.version, [m])
    }
    if (byVersion.size < 2 || !mentions.some((m) => m.version.includes('.'))) continue
    const inputs = (list: Mention[]) => new Set(list.flatMap((m) => m.paths))
    const ranked = [...byVersion].sort(([va, a], [vb, b]) => inputs(b).size - inputs(a).size || byCodeUnits(va, vb))
    const [most, ...rest] = ranked
    const paths = inputs(most![1])
    // Another input's version that disagrees; an input that gives both is not contradicted by itself.
    const others = rest.filter(([, list]) => !agree(most![1][0]!, list[0]!) && [...inputs(list)].some((p) => !paths.has(p)))
    if (others.length === 0) continue
    const statementsOf = (list: Mention[]) => [...new Set(list.map((m) => m.statement))].sort(bySource)
    out.push({
      name: mentions.map((m) => m.name).sort(byCodeUnits)[0]!,
      versions: [most!, ...others].map(([version, list]) => ({ version, statements: statementsOf(list), inputs: inputs(list).size })),
    })
  }
  return out.sort((a, b) => byCodeUnits(a.name.toLowerCase(), b.name.toLowerCase()))
}
