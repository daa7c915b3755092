import { describe, expect, it } from 'vitest'
import { analyzeWords, termsOf } from '../src/similarity/terms.js'

const sorted = (text: string) => [...termsOf(text)].sort()

describe('termsOf: tokens', () => {
  it('case-folds and stems', () => {
    expect(termsOf('Caching Strategies')).toEqual(termsOf('caching strategy'))
    expect(termsOf('Logging')).toEqual(['log'])
    expect(sorted('Horizontal scaling')).toEqual(sorted('horizontally scalable'))
  })

  it('reads & as and and drops it', () => {
    expect(sorted('Rate limiting & DDoS protection')).toEqual(sorted('Rate limiting and DDoS protection'))
  })

  it('splits /-joined words', () => {
    expect(sorted('Request/response validation')).toEqual(sorted('request response validation'))
    expect(sorted('Implement authentication/authorization')).toEqual(['authn', 'authz'])
  })

  it('splits hyphenated words but keeps bound prefixes', () => {
    expect(sorted('event-driven architecture')).toEqual(sorted('event driven'))
    expect(termsOf('non-blocking I/O')).toContain('async')
    expect(termsOf('micro-services')).toEqual(['microservice'])
    expect(termsOf('e-mail')).toEqual(termsOf('email'))
  })

  it('keeps quantities and paths verbatim, as literals', () => {
    const terms = termsOf('Unit tests (>80% coverage) under 100ms p95 in src/routes/')
    for (const literal of ['80%', '100ms', 'p95', 'src/routes/']) expect(terms).toContain(literal)
  })

  it('marks parenthesised and e.g. lists as examples', () => {
    const ex = (t: string) => analyzeWords(t).filter((w) => w.example).map((w) => w.term)
    expect(ex('Caching (Redis, Memcached)')).toEqual(['redi', 'memcach'])
    expect(ex('Use a queue, e.g. RabbitMQ or Kafka.')).toEqual(['rabbitmq', 'kafka'])
    expect(ex('Databases: PostgreSQL, MySQL, MongoDB')).toEqual(['postgresql', 'mysql', 'mongodb'])
    expect(ex('Stateless design - make services horizontally scalable')).toEqual([])
    expect(ex('Use a cache such as Redis or Memcached; measure hit rates')).toEqual(['redi', 'memcach'])
  })

  it('reads words that objects inherit (constructor, toString) as words', () => {
    const terms = termsOf('Use constructor injection; override toString and valueOf')
    expect(terms.every((t) => typeof t === 'string')).toBe(true)
    expect(terms).toContain('constructor')
  })

  it('keeps negation as a term', () => {
    expect(termsOf('Never store passwords in plain text')).toContain('not')
    expect(termsOf("Don't log secrets")).toContain('not')
    expect(termsOf('Log secrets')).not.toContain('not')
  })

  it('tells REST from "at rest" by case', () => {
    expect(termsOf('REST APIs')).toContain('restful')
    expect(termsOf('RESTful APIs')).toContain('restful')
    expect(termsOf('Encryption at rest')).not.toContain('restful')
    expect(termsOf('API endpoints (REST/GraphQL)')).toContain('restful')
  })
})

describe('termsOf: synonyms', () => {
  const same = (a: string, b: string) => expect(sorted(a)).toEqual(sorted(b))
  it.each([
    ['auth', 'authentication'],
    ['authz', 'authorization'],
    ['DB schema', 'database schema'],
    ['JWT', 'JSON Web Tokens'],
    ['RBAC', 'role-based access control'],
    ['k8s', 'Kubernetes'],
    ['CI/CD', 'continuous integration and continuous deployment'],
    ['OAuth2', 'OAuth 2.0'],
    ['Swagger docs', 'OpenAPI documentation'],
    ['Observability', 'monitoring'],
    ['Throttling', 'rate limiting'],
    ['Postgres', 'PostgreSQL'],
    ['Node.js', 'Node'],
    ['C#', 'csharp'],
    ['async processing', 'asynchronous processing'],
    ['XSS protection', 'cross-site scripting prevention'],
    ['Query optimization', 'efficient queries'],
    ['server-side code', 'backend code'],
    ['prepared statements', 'parameterized queries'],
    ['Document API endpoints', 'Document APIs'],
    ['i18n', 'internationalization'],
  ])('%s = %s', (a, b) => same(a, b))

  it('does not conflate authentication and authorization', () => {
    expect(termsOf('authentication')).not.toEqual(termsOf('authorization'))
  })

  it('keeps integration tests apart from tests', () => {
    expect(termsOf('Integration testing')).not.toEqual(termsOf('Write tests'))
  })
})

describe('termsOf: fillers', () => {
  it.each([
    ['Implement proper authentication', 'Authentication'],
    ['Design comprehensive, robust error handling', 'Error handling'],
    ['Create clear API documentation', 'API documentation'],
    ['Build caching strategies', 'Caching'],
    ['Set up CI/CD pipelines', 'CI/CD pipeline setup'],
    ['Use appropriate HTTP status codes', 'HTTP status codes'],
    ['Backup and recovery procedures', 'Creating backup and recovery strategies'],
    ['Caching strategy for performance', 'Implement caching'],
    ['Scalable microservices architecture', 'Microservices'],
    ['Secure authentication', 'Authentication'],
  ])('%s ~ %s', (a, b) => expect(sorted(a)).toEqual(sorted(b)))

  it('keeps a quality written as a noun or a predicate', () => {
    expect(termsOf('Scalability - horizontal scaling')).toContain('scal')
    expect(sorted('systems that are scalable, secure, and maintainable')).toEqual(['maintain', 'scal', 'secur'])
  })

  it('keeps fillers when nothing else is left', () => {
    expect(termsOf('Best practices').length).toBeGreaterThan(0)
  })

  it('keeps content words whose stems look like fillers', () => {
    expect(termsOf('Data consistency')).toContain('consist')
    expect(termsOf('Consistent naming')).not.toContain('consist')
    expect(termsOf('Data integrity')).toContain('integr')
    expect(termsOf('API key management')).toContain('kei')
  })

  it('is stable: same text, same terms, no duplicates', () => {
    const t = 'Logging, logging and more logging'
    expect(termsOf(t)).toEqual(termsOf(t))
    expect(new Set(termsOf(t)).size).toBe(termsOf(t).length)
  })
})
