// Small agent files written for a test, and their frontmatter read back from
// a command's output: the helpers the permission and conversion tests share.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { expect } from 'vitest'
import { cli } from './cli.js'

/** The frontmatter of a file's text as a plain object ({} when empty). */
export const front = (text: string): Record<string, unknown> => (parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!) ?? {}) as Record<string, unknown>

/** Writes `text` at `dir/name` (folders made as needed) and returns the path. */
export function textFile(dir: string, name: string, text: string): string {
  const path = join(dir, name)
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, text)
  return path
}

/** An agent file of `frontmatter` (YAML lines, each ending in a newline) and a one-line body. */
export const agentFile = (dir: string, name: string, frontmatter: string, body = 'Do the work.'): string => textFile(dir, name, `---\n${frontmatter}---\n\n${body}\n`)

/** `agentmerge merge --provenance none ARGS` that must succeed: the merged frontmatter and what was said on stderr. */
export async function mergedFront(args: string[]): Promise<{ fm: Record<string, unknown>; stderr: string }> {
  const r = await cli(['merge', '--provenance', 'none', ...args])
  expect(r.code, r.stderr).toBe(0)
  return { fm: front(r.stdout), stderr: r.stderr }
}

/** `agentmerge convert --to TO SRC` that must succeed: the converted frontmatter and what was said on stderr. */
export async function convertedFront(to: string, src: string): Promise<{ fm: Record<string, unknown>; stderr: string }> {
  const r = await cli(['convert', '--to', to, src])
  expect(r.code, r.stderr).toBe(0)
  return { fm: front(r.stdout), stderr: r.stderr }
}

/** The tools an OpenCode tools map turns on. */
export const turnedOn = (map: unknown): string[] => Object.entries(map as Record<string, boolean>).filter(([, on]) => on).map(([k]) => k)

/** A small reviewer agent, the first source of the build tests' canonical agent. */
export const REVIEWER_SOURCE = `---
name: reviewer
description: Reviews code.
tools: Read, Grep
model: sonnet
---

You review code.

## Rules

- Check the tests first.
- Look for security issues.
`

/** The reviewer agent as a second source words it: another description, Bash for Grep, another rule. */
export const REVIEWER_SOURCE_B = `---
name: reviewer
description: Reviews pull requests.
tools: Read, Bash
---

You review code.

## Rules

- Check the tests first.
- Keep comments short.
`
