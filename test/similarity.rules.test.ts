import { describe, expect, it } from 'vitest'
import { buildCorpus, compareTexts, groupDuplicates, type SimItem } from '../src/similarity/index.js'
import { personaRole } from '../src/similarity/persona.js'
import { normalizeCode } from '../src/similarity/profile.js'

// A small corpus of typical backend-agent statements, so that IDF weights are
// realistic: common words ("implement", "API") weigh little.
const CORPUS = [
  'Implement rate limiting',
  'Rate limiting',
  'Implement rate limiting and security measures',
  'Caching strategies',
  'Caching strategies (Redis, Memcached)',
  'Implement caching',
  'Test coverage above 80%',
  'Comprehensive testing',
  'Response time targets (< 100ms p95)',
  'Optimize performance',
  'Authentication and authorization',
  'Implement auth and authz',
  'API documentation',
  'Connection pooling and transaction management',
  'Manage connection pools',
  'SQL injection and XSS prevention',
  'SQL injection prevention',
  'Input validation',
  'Design RESTful APIs',
  'Database migrations',
  'Logging and monitoring',
  'Security headers',
  'Code review',
  'Write unit tests',
]
const corpus = buildCorpus(CORPUS)
const dup = (a: string, b: string) => compareTexts(a, b, corpus).duplicate

describe('compareTexts', () => {
  it('matches rewordings, verb forms, abbreviations and fillers', () => {
    expect(dup('Implement rate limiting', 'Rate limiting')).toBe(true)
    expect(dup('Caching strategies', 'Implement caching')).toBe(true)
    expect(dup('Authentication and authorization', 'Implement auth and authz')).toBe(true)
    expect(dup('Manage connection pools', 'Proper connection pooling')).toBe(true)
    expect(dup('Rate limiting & throttling', 'Rate limiting')).toBe(true)
  })

  it('does not match on topic overlap alone', () => {
    expect(dup('Rate limiting per endpoint', 'API key management')).toBe(false)
    expect(dup('Input validation', 'Security headers')).toBe(false)
    expect(dup('Authentication', 'Authorization')).toBe(false)
  })

  it('returns a score in [0, 1] and the shared terms', () => {
    const c = compareTexts('Implement rate limiting', 'Rate limiting', corpus)
    expect(c.score).toBeGreaterThan(0.9)
    expect(c.score).toBeLessThanOrEqual(1)
    expect(c.shared).toEqual(['ratelimit'])
    expect(compareTexts('Code review', 'Database migrations', corpus).score).toBe(0)
  })
})

describe('subsumption: specifics', () => {
  it('a parenthesised list of tools is not the plain statement', () => {
    expect(dup('Caching strategies (Redis, Memcached)', 'Caching strategies')).toBe(false)
    expect(dup('Caching strategies (Redis, Memcached)', 'Caching layers (Redis, Memcached)')).toBe(true)
    expect(dup('Caching (Redis, Memcached)', 'Caching (Redis, Memcached, CDN)')).toBe(false)
  })

  it('a number is not the plain statement', () => {
    expect(dup('Test coverage above 80%', 'Test coverage')).toBe(false)
    expect(dup('Response time targets (< 100ms p95)', 'Response time targets')).toBe(false)
    expect(dup('Test coverage above 80%', 'Test coverage above 90%')).toBe(false)
  })

  it('a specific also written in plain prose on the other side matches', () => {
    expect(dup('Encryption (at rest and in transit)', 'Encryption at rest and in transit')).toBe(true)
  })

  it('an enumeration after a label is specifics', () => {
    expect(dup('Databases: PostgreSQL, MySQL, MongoDB', 'Databases: PostgreSQL, MySQL')).toBe(false)
    expect(dup('Databases: PostgreSQL, MySQL', 'Databases (MySQL, Postgres)')).toBe(true)
  })

  it('paths are specifics', () => {
    expect(dup('Tests (tests/, __tests__/)', 'Write tests')).toBe(false)
  })
})

describe('subsumption: a second requirement', () => {
  it('A and B is not A', () => {
    expect(dup('Implement rate limiting and security measures', 'Rate limiting')).toBe(false)
    expect(dup('Connection pooling and transaction management', 'Manage connection pools')).toBe(false)
    expect(dup('SQL injection and XSS prevention', 'SQL injection prevention')).toBe(false)
    expect(dup('Logging and monitoring', 'Logging')).toBe(false)
  })

  it('A and B is B and A', () => {
    expect(dup('Logging and monitoring', 'Monitoring & logging')).toBe(true)
    expect(dup('Authentication/authorization', 'Authentication and authorization')).toBe(true)
  })
})

describe('trailing modifiers', () => {
  it('a "with"/"for" phrase qualifies; it is not a second requirement', () => {
    expect(dup('Building CI/CD pipelines for backend services', 'Set up CI/CD pipelines')).toBe(true)
    expect(dup('Transaction management with rollback', 'Handle transactions properly')).toBe(true)
  })

  it('but a modifier still weighs, and the subject must still match', () => {
    expect(dup('Connection pooling for database and external service calls', 'Connection pooling')).toBe(false)
    expect(dup('Logging with correlation IDs', 'Logging')).toBe(false)
    expect(dup('Design RESTful and GraphQL APIs with proper HTTP semantics', 'RESTful API design with proper HTTP semantics')).toBe(false)
  })
})

describe('implications', () => {
  it('a particular matches the general term it implies', () => {
    expect(dup('Authorization & RBAC', 'Role-based access control (RBAC)')).toBe(true)
    expect(dup('Docker configuration', 'Docker for containerization')).toBe(true)
  })

  it('never the other way round: particulars are specifics', () => {
    expect(dup('JWT authentication', 'Authentication')).toBe(false)
    expect(dup('Use prepared statements to prevent SQL injection', 'SQL injection prevention')).toBe(false)
    expect(dup('Use prepared statements to prevent SQL injection', 'Prevent SQL injection with parameterized queries')).toBe(true)
    expect(dup('Kubernetes deployment', 'Container orchestration')).toBe(false)
  })

  it('only what the table says: a part is not the whole', () => {
    expect(dup('Monitoring and alerting', 'Alert configuration')).toBe(false)
  })
})

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
