// The command-line mends of a tester's report, each reproduced through the
// CLI: `-` as an output (stdout, never a file named `-`), build config
// errors as one line with where, a missing diff operand named, and mistakes
// that were silently ignored (a --cache-location that is a file, normalize
// --format without --check, an unknown command's --help).
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, FIXTURES } from './helpers/cli.js'
import { tempDir } from './helpers/tmp.js'

const ENGINEER = FIXTURES + 'backend-engineer.md'
const SENIOR = FIXTURES + 'backend-developer-senior.md'

describe('- as an output is stdout', () => {
  it('merge -o - prints the merged agent with its inline notes, as without -o, and writes no file', async () => {
    const dir = tempDir()
    const plain = await cli(['-q', ENGINEER, SENIOR], { cwd: dir })
    const r = await cli(['-q', ENGINEER, SENIOR, '-o', '-'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe(plain.stdout)
    expect(r.stdout).toContain('<!-- agentmerge-provenance v1\n')
    expect(readdirSync(dir)).toEqual([])
    // A sidecar has no file to sit beside on stdout: the same usage error as without -o.
    const sidecar = await cli(['-q', ENGINEER, SENIOR, '-o', '-', '--provenance', 'sidecar'], { cwd: dir })
    expect(sidecar.code).toBe(2)
    expect(sidecar.stderr).toContain('--provenance sidecar writes OUT.provenance.json beside -o OUT')
    expect(readdirSync(dir)).toEqual([])
  })

  it('merge --report - prints the report when -o names a file, and is a usage error when stdout carries the agent', async () => {
    const dir = tempDir()
    const r = await cli(['-q', ENGINEER, SENIOR, '-o', 'merged.md', '--report', '-'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^<!DOCTYPE html>/)
    expect(readdirSync(dir).sort()).toEqual(['merged.md', 'merged.md.provenance.json'])
    for (const args of [['--report', '-'], ['-o', '-', '--report', '-']]) {
      const bad = await cli(['-q', ENGINEER, SENIOR, ...args], { cwd: dir })
      expect(bad.code).toBe(2)
      expect(bad.stdout).toBe('')
      expect(bad.stderr).toBe('agentmerge: --report - prints the report on stdout, where the merged agent goes without -o; give -o FILE, or the report a file\n')
    }
    expect(existsSync(join(dir, '-'))).toBe(false)
  })

  it('normalize -o - and convert -o - print to stdout', async () => {
    const dir = tempDir()
    const normalized = await cli(['normalize', ENGINEER], { cwd: dir })
    const n = await cli(['normalize', '-o', '-', ENGINEER], { cwd: dir })
    expect(n.code, n.stderr).toBe(0)
    expect(n.stdout).toBe(normalized.stdout)
    const converted = await cli(['-q', 'convert', '--to', 'opencode', ENGINEER], { cwd: dir })
    const c = await cli(['-q', 'convert', '--to', 'opencode', '-o', '-', ENGINEER], { cwd: dir })
    expect(c.code, c.stderr).toBe(0)
    expect(c.stdout).toBe(converted.stdout)
    expect(c.stdout).toMatch(/^---\ndescription: /)
    expect(readdirSync(dir)).toEqual([])
  })
})
