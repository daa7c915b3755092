// The messages between loadAgents and its worker threads.
import type { Input } from '../read/read.js'
import type { ErrorFields } from './errors.js'

export interface Batch {
  id: number
  inputs: Input[]
}

export type FileResult = { ok: true; payload: Uint8Array } | { ok: false; error: ErrorFields }

export interface BatchResult {
  id: number
  results: FileResult[]
}
