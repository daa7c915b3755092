// The labelled families of fixtures/gold (see its README), as every scoring
// script reads them: for each family with a statements list and a fixtures
// folder, its labelled rows (id, kind, text), its people's groups (every id
// checked against the rows) and its files. An id is `basename:line`.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { basename, join } from 'node:path'

function parseTsv(text, file) {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((line, i) => {
      const [id, kind, ...rest] = line.split('\t')
      if (!id || !kind || rest.length === 0) throw new Error(`${file}:${i + 1}: expected id<TAB>kind<TAB>text`)
      return { id, kind, text: rest.join('\t') }
    })
}

/** Every family under `root` (the repository): `{ name, rows, ids, gold, files }`, files as `fixtures/NAME/FILE`, by name. */
export function goldFamilies(root) {
  const goldDir = join(root, 'fixtures/gold')
  return readdirSync(goldDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => basename(f, '.json'))
    .filter((name) => existsSync(join(goldDir, `${name}.statements.tsv`)) && existsSync(join(root, 'fixtures', name)))
    .sort()
    .map((name) => {
      const rows = parseTsv(readFileSync(join(goldDir, `${name}.statements.tsv`), 'utf8'), `${name}.statements.tsv`)
      const gold = JSON.parse(readFileSync(join(goldDir, `${name}.json`), 'utf8')).groups
      const ids = rows.map((r) => r.id)
      const known = new Set(ids)
      for (const id of gold.flat()) if (!known.has(id)) throw new Error(`${name}.json: ${id} is not in ${name}.statements.tsv`)
      const files = [...new Set(ids.map((id) => id.slice(0, id.lastIndexOf(':'))))].sort().map((f) => `fixtures/${name}/${f}`)
      for (const f of files) if (!existsSync(join(root, f))) throw new Error(`${name}: ${f} is missing`)
      return { name, rows, ids, gold, files }
    })
}

/** The id of a statement at `path:line`: the file's base name and the line. */
export function idOf(place) {
  const i = place.lastIndexOf(':')
  return `${basename(place.slice(0, i))}:${place.slice(i + 1)}`
}
