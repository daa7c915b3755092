// An input that shares nothing with the others (strangers.ts), through the
// CLI: one warning naming it, when none of its statements groups with
// another input's and most of its commonest words are in no other input
// (a French file among English ones); none for authors of one agent who
// word every point apart, nor on the labelled families.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mergeAgents, parseAgent, renderMergeReport } from '../src/index.js'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const temp = () => tempDir('agentmerge-strangers-')
const doc = (lines: string[]): string => ['---', 'name: api-expert', 'description: Builds APIs.', '---', '', ...lines, ''].join('\n')

const ENGLISH_A = doc([
  'You are an API expert who designs the endpoints of a web service.',
  '',
  '## Focus',
  '',
  '- Design the routes and the schemas of the service',
  '- Validate the input of every request with the models',
  '- Write the tests of the endpoints with the client',
  '- Document the API with the schema of each route',
  '- Return the errors of the service in one format',
])
const ENGLISH_B = doc([
  'You are a backend developer who builds the API of the application.',
  '',
  '## Practices',
  '',
  '- Keep the handlers of the routes small and readable',
  '- Check the payloads of the requests before the database is touched',
  '- Cover the behaviour of the API with tests in the pipeline',
  '- Version the routes of the API when the contract of a client changes',
  '- Log the failures of the service with the id of the request',
])
const FRENCH = doc([
  'Vous êtes un expert des API qui conçoit les routes de votre service.',
  '',
  '## Principes',
  '',
  '- Concevoir les routes et les schémas du service avec soin',
  '- Valider les données de chaque requête avec les modèles',
  '- Écrire les tests des routes avec le client de test',
  '- Documenter les routes et les schémas de la documentation',
  '- Renvoyer les erreurs du service dans un format unique et clair',
])

describe('an input that shares nothing with the others', () => {
  it('is named in one warning when its statements group with none and its commonest words are in no other input', async () => {
    const dir = temp()
    const [a, b, fr] = ['a.md', 'b.md', 'fr.md'].map((f) => join(dir, f)) as [string, string, string]
    writeFileSync(a, ENGLISH_A)
    writeFileSync(b, ENGLISH_B)
    writeFileSync(fr, FRENCH)
    for (const order of [[a, b, fr], [fr, b, a]]) {
      const result = await cli([...order, '-o', join(dir, 'out.md')])
      expect(result.code, result.stderr).toBe(0)
      const warned = result.stderr.split('\n').filter((l) => l.includes('shares no statement'))
      expect(warned).toEqual([`${fr}: warning: shares no statement with the other inputs, and 8 of its 10 commonest words are in none of them (les, de, avec, et, des, du, schémas, un): is it the same agent, in their language?`])
      // A warning about an input is not a conflict of the merge.
      expect(result.stderr).toMatch(/; 0 conflicts$/m)
    }
  })

  it('is warned about by build and build --check too, which keep a canonical agent from its sources', async () => {
    const dir = temp()
    mkdirSync(join(dir, '.git'))
    mkdirSync(join(dir, 'agents'))
    writeFileSync(join(dir, 'agentmerge.config.json'), JSON.stringify({ agents: [{ output: 'out/api.md', sources: ['agents/*.md'] }] }))
    writeFileSync(join(dir, 'agents/a.md'), ENGLISH_A)
    writeFileSync(join(dir, 'agents/b.md'), ENGLISH_B)
    writeFileSync(join(dir, 'agents/fr.md'), FRENCH)
    for (const args of [['build', '--check'], ['build']]) {
      const result = await cli(args, { cwd: dir })
      expect(result.code, result.stderr).not.toBe(2)
      expect(result.stderr.split('\n').filter((l) => l.includes('shares no statement')), args.join(' ')).toEqual([expect.stringMatching(/^agents\/fr\.md: warning: shares no statement with the other inputs/)])
    }
  })

  it('is a warning of the result, not a conflict, and the report shows it beside the inputs', () => {
    const result = mergeAgents([parseAgent(ENGLISH_A, 'a.md'), parseAgent(ENGLISH_B, 'b.md'), parseAgent(FRENCH, 'fr.md')])
    expect(result.warnings.map((d) => [d.path, d.code])).toEqual([['fr.md', 'unrelated-input']])
    expect(result.conflicts.some((d) => d.code === 'unrelated-input')).toBe(false)
    expect(renderMergeReport(result)).toMatch(/<ul class="diags warnings"><li><span class="tag warn">warning<\/span> .*shares no statement with the other inputs/)
  })

  it('two inputs that share nothing get one warning naming both, not one blaming each', async () => {
    const dir = temp()
    const [a, fr] = ['a.md', 'fr.md'].map((f) => join(dir, f)) as [string, string]
    writeFileSync(a, ENGLISH_A)
    writeFileSync(fr, FRENCH)
    for (const order of [[a, fr], [fr, a]]) {
      const result = await cli([...order, '-o', join(dir, 'out.md')])
      expect(result.code, result.stderr).toBe(0)
      expect(result.stderr.split('\n').filter((l) => l.includes('shares a statement'))).toEqual([`${a}: warning: none of the 2 inputs shares a statement with another (${a}, ${fr}), and most of each one's commonest words are in none of the others: are they one agent, in one language?`])
      expect(result.stderr).not.toContain('shares no statement')
    }
  })

  it('is not warned about when the authors word every point apart in one language', async () => {
    const dir = temp()
    const [a, b] = ['a.md', 'b.md'].map((f) => join(dir, f)) as [string, string]
    writeFileSync(a, ENGLISH_A)
    writeFileSync(b, ENGLISH_B)
    const result = await cli([a, b, '-o', join(dir, 'out.md')])
    expect(result.code, result.stderr).toBe(0)
    // They share no statement: the merge folds nothing, yet warns of neither.
    expect(result.stderr).toMatch(/ 0 duplicates folded/)
    expect(result.stderr).not.toContain('shares no statement')
  })

  it('is not warned about in the labelled families', async () => {
    const dir = temp()
    for (const family of ['backend-developer', 'python-pro', 'test-automator']) {
      const files = readdirSync(`fixtures/${family}`).sort().map((f) => `fixtures/${family}/${f}`)
      const result = await cli([...files, '-o', join(dir, `${family}.md`)])
      expect(result.code, result.stderr).toBe(0)
      expect(result.stderr, family).not.toContain('shares no statement')
    }
  })
})
