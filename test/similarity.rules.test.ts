import { describe, expect, it } from 'vitest'
import { groupDuplicates, type SimItem } from '../src/similarity/index.js'
import { personaRole } from '../src/similarity/persona.js'
import { normalizeCode } from '../src/similarity/shape.js'

describe('persona openings', () => {
  it('reads the role', () => {
    expect(personaRole('You are a Senior Backend Developer, an expert in APIs.')).toBe('Backend Developer')
    expect(personaRole('I am an expert backend engineer specializing in Go.')).toBe('backend engineer')
    expect(personaRole('You are responsible for the API.')).toBeUndefined()
    expect(personaRole('Design APIs')).toBeUndefined()
  })

  it('groups openings that name the same role, not others', () => {
    const items: SimItem[] = [
      { kind: 'paragraph', text: 'You are an elite backend development specialist with deep expertise in databases.' },
      { kind: 'paragraph', text: 'You are a Senior Backend Engineer specializing in APIs and distributed systems.' },
      { kind: 'paragraph', text: 'You are a frontend developer who builds accessible UIs.' },
      { kind: 'item', text: 'Backend development' },
    ]
    expect(groupDuplicates(items).groups).toEqual([[0, 1], [2], [3]])
  })
})

describe('code blocks', () => {
  it('normalizes only what does not change the file', () => {
    expect(normalizeCode('a  \r\nb\n\n')).toBe('a\nb')
    expect(normalizeCode('  a')).toBe('  a')
  })

  it('groups only identical code', () => {
    const items: SimItem[] = [
      { kind: 'code', text: 'FROM node:18\nRUN npm ci\n' },
      { kind: 'code', text: 'FROM node:18\r\nRUN npm ci' },
      { kind: 'code', text: 'FROM node:20\nRUN npm ci' },
      { kind: 'paragraph', text: 'FROM node:18 RUN npm ci' },
    ]
    expect(groupDuplicates(items).groups).toEqual([[0, 1], [2], [3]])
  })

  it('headings only match headings', () => {
    const items: SimItem[] = [
      { kind: 'heading', text: 'Security' },
      { kind: 'item', text: 'Security' },
      { kind: 'heading', text: 'Security!' },
    ]
    expect(groupDuplicates(items).groups).toEqual([[0, 2], [1]])
  })
})

describe('extra part (a part of its head one statement names and the other lacks)', () => {
  const pair = (a: string, b: string): SimItem[] => [
    { kind: 'item', text: a },
    { kind: 'item', text: b },
  ]

  it('raises the bar of a pair where one head names a part the other lacks', () => {
    const items = pair('SQL injection and XSS prevention', 'SQL injection prevention')
    expect(groupDuplicates(items, { threshold: 0.6, extra: 0 }).groups).toEqual([[0, 1]])
    expect(groupDuplicates(items, { threshold: 0.6, extra: 0.2 }).groups).toEqual([[0], [1]])
    // Cleared at a low enough threshold, the rule is named in the explanation.
    expect(groupDuplicates(items, { threshold: 0.3, extra: 0.2 }).reasons[0]!.parts!.rules).toEqual(['extra part'])
    // dedup's default adds nothing.
    expect(groupDuplicates(items, { threshold: 0.6 }).groups).toEqual([[0, 1]])
  })

  it('reads parts in the head only: an explanation that lists more is not an extra part', () => {
    const items = pair('CI/CD Integration: Pipeline automation, continuous testing, rapid feedback', 'CI/CD integration')
    expect(groupDuplicates(items, { threshold: 0.3, extra: 0.2 }).reasons[0]!.parts!.rules).toEqual([])
  })

  it('a means ("with ...") is a part; a purpose ("for ...") is not', () => {
    const means = pair('Optimizing query performance with proper indexing', 'Optimize queries for performance')
    expect(groupDuplicates(means, { threshold: 0.3, extra: 0.2 }).reasons[0]!.parts!.rules).toEqual(['extra part'])
    const purpose = pair('Caching strategy for performance', 'Implement caching strategies')
    expect(groupDuplicates(purpose, { threshold: 0.3, extra: 0.2 }).reasons[0]!.parts!.rules).toEqual([])
  })

  it('a bracket is an aside: the words around it are one part, its words parts of their own', () => {
    // "requirements" goes on the part the bracket interrupted: "GDPR requirements" names nothing "GDPR" lacks.
    const aside = pair('GDPR (European Union) requirements', 'GDPR (European Union)')
    expect(groupDuplicates(aside, { threshold: 0.3, extra: 0.2 }).reasons[0]!.parts!.rules).toEqual([])
    expect(groupDuplicates(aside, { threshold: 0.7, extra: 0.2 }).groups).toEqual([[0, 1]])
    // What the bracket lists is still parts: one more thing named in it is extra.
    const listed = pair('Advanced features (decorators, generators, context managers)', 'Advanced features (decorators, generators)')
    expect(groupDuplicates(listed, { threshold: 0.3, extra: 0.2 }).reasons[0]!.parts!.rules).toEqual(['extra part'])
  })

  it('a part that shares its heavy word with the other statement is not extra', () => {
    const items = pair('Unit testing, integration testing and load testing', 'Unit, integration and load tests')
    expect(groupDuplicates(items, { threshold: 0.3, extra: 0.2 }).reasons[0]!.parts!.rules).toEqual([])
  })

  it('without the bar, statements of equal stems are one node whatever their parts (dedup is unchanged by the part reading)', () => {
    const items = pair('Unit and integration testing', 'Unit testing and integration')
    expect(groupDuplicates(items, { threshold: 0.55 }).reasons.map((r) => r.note)).toEqual(['same terms'])
    const withBar = groupDuplicates(items, { threshold: 0.55, extra: 0.2 })
    expect(withBar.groups).toEqual([[0, 1]])
    expect(withBar.reasons[0]!.note).not.toBe('same terms')
  })
})
