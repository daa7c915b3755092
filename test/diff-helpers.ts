// Helpers for the diff tests: edited copies of the fixtures in a temporary
// directory, and a validator for the subset of JSON Schema that
// docs/diff.schema.json uses.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { FIXTURES } from './helpers/cli.js'
import { tempDir as removedAfter } from './helpers/tmp.js'

export const fixture = (name: string): string => readFileSync(FIXTURES + name, 'utf8')

/** Replaces text that must be there (a test edit that silently did nothing would prove nothing). */
export function edit(text: string, from: string | RegExp, to: string | ((...m: string[]) => string)): string {
  const found = typeof from === 'string' ? text.includes(from) : from.test(text)
  if (!found) throw new Error(`edit: ${String(from)} not found`)
  return typeof from === 'string' ? text.replace(from, to as string) : text.replace(from, to as (...m: string[]) => string)
}

/** Swaps two blocks of text (each must occur once, `a` before `b`). */
export function swap(text: string, a: string, b: string): string {
  const i = text.indexOf(a)
  const j = text.indexOf(b)
  if (i === -1 || j === -1 || i + a.length > j) throw new Error('swap: blocks not found in order')
  return text.slice(0, i) + b + text.slice(i + a.length, j) + a + text.slice(j + b.length)
}

/** The text between two markers (start included, end excluded). */
export function between(text: string, start: string, end: string): string {
  const i = text.indexOf(start)
  const j = text.indexOf(end, i + start.length)
  if (i === -1 || j === -1) throw new Error(`between: ${start} .. ${end} not found`)
  return text.slice(i, j)
}

/** A temporary directory, removed when the test (or the file's tests) end. */
export const tempDir = (prefix = 'agentmerge-diff-'): string => removedAfter(prefix)

export function write(dir: string, path: string, text: string): string {
  const full = join(dir, path)
  mkdirSync(dirname(full), { recursive: true })
  writeFileSync(full, text)
  return full
}

type Schema = Record<string, unknown>

/** Errors of `value` against `schema` (types, const, enum, properties, required, additionalProperties, items, $ref, allOf, anyOf, minimum, maximum, pattern). */
export function validate(value: unknown, schema: Schema, root: Schema = schema, path = '$'): string[] {
  const errors: string[] = []
  if (typeof schema.$ref === 'string') {
    const target = (schema.$ref as string).replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Schema)[key], root)
    errors.push(...validate(value, target as Schema, root, path))
  }
  if (Array.isArray(schema.allOf)) for (const s of schema.allOf as Schema[]) errors.push(...validate(value, s, root, path))
  if (Array.isArray(schema.anyOf) && !(schema.anyOf as Schema[]).some((s) => validate(value, s, root, path).length === 0)) errors.push(`${path}: matches none of anyOf`)
  if ('const' in schema && JSON.stringify(value) !== JSON.stringify(schema.const)) errors.push(`${path}: expected ${JSON.stringify(schema.const)}`)
  if (Array.isArray(schema.enum) && !(schema.enum as unknown[]).includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`)
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string]
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
    const ok = types.some((t) => t === actual || (t === 'integer' && Number.isInteger(value)) || (t === 'number' && typeof value === 'number'))
    if (!ok) return [...errors, `${path}: expected ${types.join('|')}, got ${actual}`]
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`)
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`)
  }
  if (typeof value === 'string' && typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`)
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => errors.push(...validate(v, schema.items as Schema, root, `${path}[${i}]`)))
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>
    const props = (schema.properties ?? {}) as Record<string, Schema>
    for (const key of (schema.required ?? []) as string[]) if (!(key in obj)) errors.push(`${path}: missing ${key}`)
    for (const [key, v] of Object.entries(obj)) {
      if (props[key]) errors.push(...validate(v, props[key]!, root, `${path}.${key}`))
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected ${key}`)
    }
  }
  return errors
}

/** Changes `- ` bullets to `* ` outside fenced code (a change of form only). */
export function rebullet(text: string): string {
  let fenced = false
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*```/.test(line)) fenced = !fenced
      return fenced ? line : line.replace(/^(\s*)- /, '$1* ')
    })
    .join('\n')
}
