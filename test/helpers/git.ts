// git for the tests that run the real thing: no user or system
// configuration (nothing on this machine changes what it does), a fixed
// identity and branch name, no signing, no pager, and no external diff
// driver unless a test sets one.
import { spawnSync } from 'node:child_process'

/** What the tests set in git's environment (and the CLI's, when it runs git). */
export const GIT_ENV = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_PAGER: 'cat', NO_COLOR: '1' }

/** The environment git runs in, with `extra` on top (GIT_EXTERNAL_DIFF only when `extra` sets it). */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...GIT_ENV, ...extra }
  if (!('GIT_EXTERNAL_DIFF' in extra)) delete env.GIT_EXTERNAL_DIFF
  return env
}

/** Runs git in `dir`: its exit code and output. */
export function git(dir: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8', env: gitEnv() })
  if (r.error) throw r.error
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/** Runs git in `dir`, which must succeed: its stdout. */
export function gitOk(dir: string, ...args: string[]): string {
  const r = git(dir, ...args)
  if (r.code !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`)
  return r.stdout
}
