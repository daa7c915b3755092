import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI tests spawn bin/agentmerge.js, which runs the bundle: build it
    // from the current sources once before any test runs.
    globalSetup: ['test/helpers/build.ts'],
    // Most tests wait on a spawned CLI process or git, not on the CPU, so
    // vitest's default (one worker fewer than the cores: one on two) idles.
    maxWorkers: availableParallelism() + 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/results.json' },
  },
})
