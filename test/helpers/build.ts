// Vitest global setup: the CLI tests spawn bin/agentmerge.js, which runs the
// bundle, and the pack test ships dist/ with its type declarations; build
// both from the current sources once before any test runs.
import { spawnSync } from 'node:child_process'

export default function setup(): void {
  // Global setup runs once per vitest project (the shared and isolated ones, and the root): build once a run.
  if (process.env.AGENTMERGE_TEST_BUILT === '1') return
  process.env.AGENTMERGE_TEST_BUILT = '1'
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' })
  if (result.status !== 0) throw new Error('build failed')
}
