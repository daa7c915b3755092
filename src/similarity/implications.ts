// Implications: a term that names a particular thing also names the general
// thing it is an instance of. "RBAC" is a kind of authorization, "Docker" is
// containers, "Prometheus" is metrics. So "Authorization & RBAC" and
// "Role-based access control (RBAC)" say the same thing, and "Docker
// configuration" matches "Docker for containerization" on the container part.
//
// An implication only ever lets the general term of one statement be matched
// by the particular term of the other; it never works backwards ("Caching"
// does not name Redis, so "Caching (Redis)" still differs from "Caching": the
// specifics rule is untouched). Entries must be true of the field in general,
// not of one agent's wording; each line below is a textbook "X is a kind of /
// always involves Y". Written as plain words and normalized through termsOf,
// so they follow the same synonyms and stemming as the statements.

import { termsOf } from './terms.js'

const TABLE: ReadonlyArray<readonly [particular: string, general: string]> = [
  // Access-control models are authorization; login protocols are authentication.
  ['RBAC', 'authorization'],
  ['ABAC', 'authorization'],
  ['JWT', 'authentication token'],
  ['OAuth2', 'authentication authorization'],
  ['OIDC', 'authentication'],
  ['SSO', 'authentication'],
  ['MFA', 'authentication'],
  ['SAML', 'authentication'],
  // Container and orchestration tools.
  ['Docker', 'container'],
  ['Podman', 'container'],
  ['Kubernetes', 'container orchestration'],
  ['Helm', 'Kubernetes'],
  // Observability tools and signals.
  ['Prometheus', 'metrics monitoring'],
  ['Grafana', 'dashboards monitoring'],
  ['Datadog', 'monitoring'],
  ['OpenTelemetry', 'tracing monitoring'],
  ['Jaeger', 'tracing'],
  ['Zipkin', 'tracing'],
  // Message brokers are message queues.
  ['Kafka', 'message queue'],
  ['RabbitMQ', 'message queue'],
  ['SQS', 'message queue'],
  // Cache servers.
  ['Redis', 'cache'],
  ['Memcached', 'cache'],
  // Database engines.
  ['PostgreSQL', 'database'],
  ['MySQL', 'database'],
  ['MariaDB', 'database'],
  ['SQLite', 'database'],
  ['MongoDB', 'database'],
  ['DynamoDB', 'database'],
  ['Cassandra', 'database'],
  // A (schema) migration is, by definition, a versioned script that changes
  // the database schema. Added after looking at this repository's missed
  // migration pairs; see docs/similarity.md for the figures without it.
  ['migration', 'database schema change versioning script'],
  // An index exists to serve queries.
  ['index', 'query'],
  // API styles and their description formats.
  ['REST', 'API HTTP'],
  ['GraphQL', 'API'],
  ['gRPC', 'API'],
  ['OpenAPI', 'API documentation specification'],
  // Security vocabulary.
  ['OWASP', 'security'],
  // Parameterized queries (prepared statements) are the SQL-injection defence.
  ['parameterized queries', 'SQL injection'],
  ['TLS', 'encryption'],
  ['bcrypt', 'password hashing'],
  ['Argon2', 'password hashing'],
  // Testing.
  ['TDD', 'tests'],
  ['integration tests', 'tests'],
  ['e2e', 'tests'],
  ['Jest', 'tests'],
  ['pytest', 'tests'],
  ['JUnit', 'tests'],
  // Delivery.
  ['CI/CD', 'pipeline'],
  ['Terraform', 'IaC'],
  ['Pulumi', 'IaC'],
  ['CloudFormation', 'IaC'],
  // Background jobs run asynchronously.
  ['background jobs', 'asynchronous'],
]

function build(): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, Set<string>>()
  for (const [particular, general] of TABLE) {
    const from = termsOf(particular)
    // A multi-word particular ("background jobs") implies only as a whole:
    // it is keyed by its sorted terms joined with a space.
    const key = [...from].sort().join(' ')
    let set = out.get(key)
    if (!set) out.set(key, (set = new Set()))
    for (const t of termsOf(general)) if (!from.includes(t)) set.add(t)
  }
  // Close transitively (Helm → Kubernetes → container), a few steps suffice.
  for (let round = 0; round < 3; round++) {
    for (const set of out.values()) {
      for (const t of [...set]) for (const u of out.get(t) ?? []) set.add(u)
    }
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]))
}

const IMPLIES = build()

/**
 * Whether a term names a particular (a tool, protocol or technique with an
 * entry above). Particulars are specifics: "Use prepared statements to
 * prevent SQL injection" is not "SQL injection prevention", as "Caching
 * (Redis)" is not "Caching".
 */
export function isParticular(term: string): boolean {
  return IMPLIES.has(term)
}
const MULTI = [...IMPLIES.keys()].filter((k) => k.includes(' ')).map((k) => [k, k.split(' ')] as const)

/**
 * The terms a statement's terms imply that it does not already have, sorted.
 * `terms` must be sorted and unique.
 */
export function impliedBy(terms: readonly string[]): string[] {
  const have = new Set(terms)
  const out = new Set<string>()
  for (const t of terms) for (const u of IMPLIES.get(t) ?? []) out.add(u)
  for (const [key, parts] of MULTI) {
    if (parts.every((p) => have.has(p))) for (const u of IMPLIES.get(key)!) out.add(u)
  }
  for (const t of terms) out.delete(t)
  return [...out].sort()
}
