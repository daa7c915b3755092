// Inputs equally central (two always are) through the CLI: the deciding
// input, the `--base auto` base and the description are the more complete,
// whatever the files are named, and stderr says the choice was a tie; the
// path decides only between inputs that say as much.
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'
import { agentFile, front } from './helpers/agent-files.js'

const SHORT = { front: 'name: x\ndescription: Writes tests.\n', body: '## Testing\n\n- Write unit tests.\n\n## Style\n\n- Keep functions small.' }
const LONG = {
  front: 'name: x\ndescription: Writes and runs unit and integration tests for services, and keeps code readable.\n',
  body: '## Style\n\n- Keep functions small.\n- Name things plainly.\n\n## Testing\n\n- Write unit tests.\n- Run the suite before each commit.',
}

/** The short and the long agent as `a.md` and `b.md`, or the other way round. */
function pair(longFirst: boolean): { short: string; long: string } {
  const dir = tempDir('agentmerge-tie-')
  const [short, long] = longFirst ? ['b.md', 'a.md'] : ['a.md', 'b.md']
  return { short: agentFile(dir, short, SHORT.front, SHORT.body), long: agentFile(dir, long, LONG.front, LONG.body) }
}

/** a.md ("Reviews code.") and b.md (the description given), whose bodies say as much, merged as b, a. */
async function twoReviewers(bDescription: string) {
  const dir = tempDir('agentmerge-tie-')
  const a = agentFile(dir, 'a.md', 'name: x\ndescription: Reviews code.\n', '- Read the diff first.')
  const b = agentFile(dir, 'b.md', `name: x\ndescription: ${bDescription}\n`, '- First read the diff.')
  const r = await cli(['merge', b, a, '-o', '-', '--provenance', 'none'])
  expect(r.code, r.stderr).toBe(0)
  return { a, r }
}

describe('two inputs, equally central', () => {
  it('the more complete decides and is the --base auto base, and its name does not matter: the output is the same either way', async () => {
    const outputs: string[] = []
    for (const longFirst of [false, true]) {
      const { short, long } = pair(longFirst)
      const r = await cli(['merge', short, long, '--base', 'auto', '-o', '-', '--provenance', 'none'])
      expect(r.code, r.stderr).toBe(0)
      expect(front(r.stdout).description).toBe('Writes and runs unit and integration tests for services, and keeps code readable.')
      // The base's structure: its Style section first.
      expect(r.stdout.indexOf('## Style')).toBeLessThan(r.stdout.indexOf('## Testing'))
      expect(r.stderr).toContain(`${long}: note: deciding input and base (--base auto): 2 inputs equally central; chosen as the more complete\n`)
      expect(r.stderr).toContain(`${long}:3: warning: description: kept "Writes and runs unit and integration tests for services, and keeps code readable." from ${long}:3 (2 descriptions equally central; chosen as the more complete); also "Writes tests." (${short}:3)\n`)
      expect(r.stderr).not.toContain('closest to the others')
      outputs.push(r.stdout)
    }
    expect(outputs[1]).toBe(outputs[0])
  })

  it('an input named by --prefer decides the tie between descriptions, and no note speaks of a central input', async () => {
    const { short, long } = pair(true)
    const r = await cli(['merge', short, long, '--prefer', short, '-o', '-', '--provenance', 'none'])
    expect(r.code, r.stderr).toBe(0)
    expect(front(r.stdout).description).toBe('Writes tests.')
    expect(r.stderr).toContain("(2 descriptions equally central; the deciding input's)")
    expect(r.stderr).not.toContain('inputs equally central')
  })

  it('inputs that say as much are told apart by path, and the note says so', async () => {
    const { a, r } = await twoReviewers('Reviews code.')
    expect(r.stderr).toContain(`${a}: note: deciding input: 2 inputs equally central; equally complete, chosen by path order\n`)
  })

  it('copies of one file tie on nothing: merge(a, a) says what merge(a) says; identical descriptions are not said to be chosen', async () => {
    // The code review found merge(a, copy of a) noting a tie broken by path, and identical descriptions "chosen as the more complete".
    const dir = tempDir('agentmerge-tie-')
    const a = agentFile(dir, 'a.md', SHORT.front, SHORT.body)
    const copy = agentFile(dir, 'c.md', SHORT.front, SHORT.body)
    const alone = await cli(['merge', a, '-o', '-', '--provenance', 'none'])
    const twice = await cli(['merge', a, copy, '-o', '-', '--provenance', 'none'])
    expect(twice.code, twice.stderr).toBe(0)
    expect(twice.stdout).toBe(alone.stdout)
    expect(twice.stderr).not.toContain('equally central')
    // Two different agents with one description: the inputs tie (a note), the description does not (no choice made).
    const other = agentFile(dir, 'd.md', SHORT.front, LONG.body)
    const r = await cli(['merge', a, other, '-o', '-', '--provenance', 'sidecar', '--output', `${dir}/out.md`])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).not.toContain('descriptions equally central')
  })

  it('descriptions that say as much are told apart by their text, and the note says so', async () => {
    const { r } = await twoReviewers('Reviews docs.')
    expect(r.stderr).toContain('(2 descriptions equally central; equally complete, chosen by text order)')
    expect(r.stderr).not.toContain('descriptions equally central; chosen as the more complete')
  })
})
