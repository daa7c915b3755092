// Run before every test file (vitest.config.ts setupFiles), also when files
// share a worker: what a file made outside its tests goes when its tests end.
import { afterAll } from 'vitest'
import { removeLeftovers } from './tmp.js'

afterAll(removeLeftovers)
