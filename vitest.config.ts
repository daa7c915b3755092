import { defineConfig } from 'vitest/config'

/** Test files that replace a module (vi.mock): they need a module cache of their own. */
const MOCKING = ['test/dedup.cache.test.ts', 'test/dialects.test.ts', 'test/merge.reuse.test.ts']

export default defineConfig({
  test: {
    // The CLI tests run the built CLI (dist/cli.js) in-process, and a few
    // spawn the bin: build dist/ from the current sources once before any
    // test runs.
    globalSetup: ['test/helpers/build.ts'],
    // Per test file, shared worker or not: removes the file's leftover temporary directories.
    setupFiles: ['test/helpers/setup.ts'],
    // Forks, so that a CLI run can set its working directory for the run
    // (worker threads cannot chdir).
    pool: 'forks',
    // Most tests are CPU-bound now that the CLI runs in-process; a few wait
    // on processes they spawn (npm, git, a pseudo-terminal): three workers on
    // the two cores of the machines the suite must hold on keep both busy
    // while one waits (docs/development.md has the timings).
    maxWorkers: 3,
    // A larger young generation: the tests parse Markdown all the time, and
    // with the default one the workers spent much of their time collecting
    // short-lived garbage (docs/development.md).
    execArgv: ['--max-semi-space-size=64'],
    // Timeouts catch hangs only: far above 10 times any test's unloaded time,
    // since the machines the suite must hold on are shared and loaded.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // The built bundle is loaded by Node itself, as the bin loads it, not transformed.
    server: { deps: { external: [/\/dist\//] } },
    // Test files share their worker's module cache (importing src/ once per
    // worker, not once per file: most of the suite's time was imports), except
    // the files that replace a module with vi.mock, which get a fresh one.
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: MOCKING, isolate: false } },
      { extends: true, test: { name: 'isolated', include: MOCKING, isolate: true } },
    ],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/results.json' },
  },
})
