// Synonyms and abbreviations of backend / devops / agent-prompt writing.
// Each phrase on the left is rewritten to one canonical term before stemming,
// so "DB" and "databases", or "RBAC" and "role-based access control", count as
// the same word when statements are compared. The table is deliberately small
// and general: an entry belongs here only if the two spellings mean the same
// thing in nearly every agent definition, not because two fixture sentences
// happen to need it.
//
// Matching is on lower-cased words after `/` and `-` splitting, so "CI/CD",
// "ci-cd" and "CI CD" all arrive as the words `ci cd`. A trailing plural `s` is
// ignored when matching ("JWTs", "APIs"). Canonical terms are final: they are
// not stemmed again and never count as fillers.

export interface SynonymGroup {
  /** The term every form is rewritten to. */
  canonical: string
  /** Surface phrases, lower case, words separated by spaces. */
  forms: readonly string[]
}

export const SYNONYMS: readonly SynonymGroup[] = [
  // Identity and access. "auth" on its own nearly always means authentication
  // (authorization is spelled out or written authz); the stems of
  // "authorization" and "author" collide, so authz gets its own term.
  { canonical: 'authn', forms: ['auth', 'authn', 'authentication', 'authenticate', 'authenticated', 'authenticating'] },
  { canonical: 'authz', forms: ['authz', 'authorization', 'authorisation', 'authorize', 'authorise', 'authorized', 'authorised', 'authorizing'] },
  { canonical: 'rbac', forms: ['rbac', 'role based access control', 'role based access', 'role based authorization'] },
  { canonical: 'abac', forms: ['abac', 'attribute based access control'] },
  { canonical: 'jwt', forms: ['jwt', 'json web token'] },
  { canonical: 'oauth2', forms: ['oauth2', 'oauth 2', 'oauth 2.0', 'oauth2.0', 'oauth v2'] },
  { canonical: 'oidc', forms: ['oidc', 'openid connect', 'open id connect'] },
  { canonical: 'sso', forms: ['sso', 'single sign on'] },
  { canonical: 'mfa', forms: ['mfa', '2fa', 'multi factor authentication', 'multifactor authentication', 'two factor authentication'] },

  // Web security vocabulary: acronyms and their expansions.
  { canonical: 'xss', forms: ['xss', 'cross site scripting'] },
  { canonical: 'csrf', forms: ['csrf', 'xsrf', 'cross site request forgery'] },
  { canonical: 'ddos', forms: ['ddos', 'distributed denial of service'] },
  { canonical: 'tls', forms: ['tls', 'ssl', 'ssl/tls', 'transport layer security'] },
  { canonical: 'pii', forms: ['pii', 'personally identifiable information', 'personal data'] },
  // Protecting against X, preventing X and mitigating X ask for one control.
  { canonical: 'prevent', forms: ['prevent', 'prevents', 'prevention', 'preventing', 'protect', 'protects', 'protection', 'protecting', 'mitigate', 'mitigation', 'mitigating', 'avoid', 'avoids', 'avoiding', 'avoidance', 'defense', 'defence', 'defend'] },
  // Prepared statements are how parameterized queries are written.
  { canonical: 'paramquery', forms: ['prepared statement', 'prepared statements', 'parameterized query', 'parameterized queries', 'parametrized query', 'parametrized queries', 'parameterised query', 'parameterised queries', 'query parameterization', 'bind parameters', 'bound parameters'] },
  // Throttling and rate limiting name the same control in prompts.
  { canonical: 'ratelimit', forms: ['rate limit', 'rate limiting', 'rate limits', 'rate limiter', 'throttling', 'throttle', 'request throttling'] },

  // Data stores.
  { canonical: 'database', forms: ['db', 'database', 'databases', 'data base'] },
  { canonical: 'postgresql', forms: ['postgres', 'postgresql', 'psql', 'pg'] },
  { canonical: 'mongodb', forms: ['mongo', 'mongodb'] },
  { canonical: 'nosql', forms: ['nosql', 'no sql'] },
  { canonical: 'orm', forms: ['orm', 'object relational mapping', 'object relational mapper'] },
  { canonical: 'crud', forms: ['crud', 'create read update delete'] },
  { canonical: 'elasticsearch', forms: ['elasticsearch', 'elastic search'] },

  // Delivery and operations.
  { canonical: 'cicd', forms: ['cicd', 'ci cd', 'ci and cd', 'continuous integration and continuous deployment', 'continuous integration and continuous delivery', 'continuous integration and deployment', 'continuous integration and delivery', 'continuous integration continuous deployment'] },
  { canonical: 'ci', forms: ['ci', 'continuous integration'] },
  { canonical: 'cd', forms: ['continuous deployment', 'continuous delivery'] },
  { canonical: 'kubernetes', forms: ['k8s', 'kubernetes', 'kube'] },
  { canonical: 'container', forms: ['container', 'containers', 'containerization', 'containerisation', 'containerize', 'containerise', 'containerized', 'containerised'] },
  { canonical: 'iac', forms: ['iac', 'infrastructure as code'] },
  { canonical: 'aws', forms: ['aws', 'amazon web services'] },
  { canonical: 'gcp', forms: ['gcp', 'google cloud', 'google cloud platform'] },
  { canonical: 'azure', forms: ['azure', 'microsoft azure'] },
  { canonical: 'env', forms: ['env', 'envs', 'environment', 'environments'] },
  { canonical: 'config', forms: ['config', 'configs', 'configuration', 'configurations', 'configure', 'configured', 'configuring'] },
  // Observability is used interchangeably with monitoring in agent prompts.
  { canonical: 'monitor', forms: ['monitor', 'monitoring', 'monitored', 'observability', 'observable', 'o11y'] },
  { canonical: 'slo', forms: ['slo', 'service level objective'] },
  { canonical: 'sla', forms: ['sla', 'service level agreement'] },
  { canonical: 'apm', forms: ['apm', 'application performance monitoring', 'application performance management'] },

  // Architecture and API vocabulary.
  { canonical: 'api', forms: ['api', 'apis', 'application programming interface'] },
  { canonical: 'microservice', forms: ['microservice', 'microservices', 'micro service', 'micro services'] },
  { canonical: 'pubsub', forms: ['pubsub', 'pub sub', 'publish subscribe'] },
  { canonical: 'cqrs', forms: ['cqrs', 'command query responsibility segregation'] },
  { canonical: 'ddd', forms: ['ddd', 'domain driven design'] },
  { canonical: 'tdd', forms: ['tdd', 'test driven development', 'test driven'] },
  { canonical: 'bdd', forms: ['bdd', 'behavior driven development', 'behaviour driven development'] },
  { canonical: 'di', forms: ['dependency injection'] },
  // Swagger is the former name of the OpenAPI specification.
  { canonical: 'openapi', forms: ['openapi', 'open api', 'swagger', 'oas'] },
  { canonical: 'websocket', forms: ['websocket', 'websockets', 'web socket', 'web sockets'] },
  { canonical: 'protobuf', forms: ['protobuf', 'protocol buffer', 'protocol buffers'] },
  { canonical: 'async', forms: ['async', 'asynchronous', 'asynchronously', 'non blocking', 'nonblocking'] },
  { canonical: 'io', forms: ['io', 'i o'] },
  { canonical: 'realtime', forms: ['realtime', 'real time'] },
  { canonical: 'pagination', forms: ['pagination', 'paginate', 'paginated', 'paging'] },
  { canonical: 'idempotent', forms: ['idempotent', 'idempotency', 'idempotence'] },

  // Testing. Compound test kinds are one concept each, so that "integration"
  // (often a filler: "API gateway integration") never turns an integration
  // test into a generic "test".
  { canonical: 'integrationtest', forms: ['integration test', 'integration tests', 'integration testing'] },
  { canonical: 'e2e', forms: ['e2e', 'end to end'] },
  { canonical: 'coverage', forms: ['coverage', 'code coverage', 'test coverage'] },

  // Languages and runtimes commonly abbreviated.
  { canonical: 'javascript', forms: ['js', 'javascript', 'ecmascript'] },
  { canonical: 'typescript', forms: ['ts', 'typescript'] },
  { canonical: 'node', forms: ['node', 'nodejs'] },
  { canonical: 'go', forms: ['golang'] },
  { canonical: 'csharp', forms: ['c#', 'csharp', 'c sharp'] },
  { canonical: 'cpp', forms: ['c++', 'cpp'] },
  { canonical: 'dotnet', forms: ['.net', 'dotnet', 'net core', '.net core'] },

  // Sides of a web application: server-side code is backend code.
  { canonical: 'backend', forms: ['backend', 'back end', 'server side', 'serverside'] },
  { canonical: 'frontend', forms: ['frontend', 'front end', 'client side', 'clientside'] },
  // An API's endpoints are the API: "Document API endpoints" = "Document APIs".
  { canonical: 'api', forms: ['api endpoint', 'api endpoints', 'api route', 'api routes'] },
  // Common numeronyms.
  { canonical: 'i18n', forms: ['i18n', 'internationalization', 'internationalisation'] },
  { canonical: 'l10n', forms: ['l10n', 'localization', 'localisation'] },
  { canonical: 'a11y', forms: ['a11y', 'accessibility'] },

  // General writing of the field.
  { canonical: 'app', forms: ['app', 'apps', 'application', 'applications'] },
  { canonical: 'repo', forms: ['repo', 'repos', 'repository', 'repositories'] },
  { canonical: 'docs', forms: ['doc', 'docs', 'documentation', 'document', 'documented', 'documenting', 'documents'] },
  { canonical: 'spec', forms: ['spec', 'specs', 'specification', 'specifications'] },
  { canonical: 'dev', forms: ['dev', 'development', 'develop', 'developer', 'developers', 'developing', 'engineer', 'engineers', 'engineering'] },
  // Performance, optimization and efficiency are one requirement in prompts:
  // "Optimize queries" = "Efficient queries" = "Query performance".
  { canonical: 'perf', forms: ['perf', 'performance', 'performant', 'optimize', 'optimizes', 'optimized', 'optimizing', 'optimization', 'optimizations', 'optimise', 'optimised', 'optimisation', 'efficient', 'efficiently', 'efficiency', 'speed'] },
  { canonical: 'pr', forms: ['pr', 'pull request', 'merge request'] },
  { canonical: 'llm', forms: ['llm', 'large language model'] },
  { canonical: 'ai', forms: ['ai', 'artificial intelligence'] },
  { canonical: 'ml', forms: ['ml', 'machine learning'] },
  { canonical: 'ui', forms: ['ui', 'user interface'] },
]

/**
 * Words whose meaning depends on case: an all-caps acronym that is also an
 * ordinary word. Matched on the original spelling, before lower-casing.
 */
export const CASED_ACRONYMS: Readonly<Record<string, string>> = {
  // REST the architecture style vs "encryption at rest".
  REST: 'restful',
  RESTful: 'restful',
  // SOLID principles vs "solid" as praise (a filler).
  SOLID: 'solidprinciples',
  // DRY principle vs "dry run".
  DRY: 'dryprinciple',
}
