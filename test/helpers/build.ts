import { spawnSync } from 'node:child_process'

export default function setup(): void {
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--no-types'], { stdio: 'inherit' })
  if (result.status !== 0) throw new Error('build failed')
}
