// The messages between loadAgents and its worker threads.
import type { Input } from '../read/read.js'
import type { ErrorFields } from './errors.js'

export interface Batch {
  id: number
  inputs: Input[]
  /** For each input, where to store its parse in the cache (written by the worker), or null. */
  entries: Array<{ file: string; key: string } | null>
}

export type FileResult = { ok: true; payload: Uint8Array } | { ok: false; error: ErrorFields }

export interface BatchResult {
  id: number
  results: FileResult[]
}
