// Parses decoded inputs on worker threads: a few workers, each kept busy
// with small batches (two in flight, so a worker never waits on the main
// thread), results put back by index so that the input order holds whatever
// order the workers finish in.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Input } from '../read/read.js'
import type { Batch, BatchResult, FileResult } from './protocol.js'

let located: URL | null | undefined

/**
 * The bundled worker entry, next to the bundle this code runs from (dist/ or
 * dist/chunks/). Run from the TypeScript sources there is none, and parsing
 * stays on the main thread.
 */
export function workerEntry(): URL | undefined {
  if (located === undefined) {
    located = null
    for (const candidate of ['./load-worker.js', '../load-worker.js']) {
      const url = new URL(candidate, import.meta.url)
      if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) {
        located = url
        break
      }
    }
  }
  return located ?? undefined
}

export interface PoolOptions {
  workers: number
  batchSize: number
  /** Called as each input's result arrives, with the input's index. */
  onResult: (index: number, result: FileResult) => void
}

/** Parses every input on `workers` threads; resolves when all have answered. */
export async function parseOnWorkers(entry: URL, inputs: Input[], options: PoolOptions): Promise<void> {
  const batches: Array<{ start: number; inputs: Input[] }> = []
  for (let start = 0; start < inputs.length; start += options.batchSize) {
    batches.push({ start, inputs: inputs.slice(start, start + options.batchSize) })
  }
  const count = Math.max(1, Math.min(options.workers, batches.length))
  const workers: Worker[] = []
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0
      let pending = batches.length
      if (pending === 0) resolve()
      const send = (worker: Worker) => {
        if (next >= batches.length) return
        const batch: Batch = { id: next, inputs: batches[next]!.inputs }
        next++
        worker.postMessage(batch)
      }
      for (let w = 0; w < count; w++) {
        const worker = new Worker(entry)
        workers.push(worker)
        worker.on('message', (answer: BatchResult) => {
          const { start } = batches[answer.id]!
          answer.results.forEach((result, k) => options.onResult(start + k, result))
          send(worker)
          if (--pending === 0) resolve()
        })
        worker.on('error', reject)
        worker.on('exit', (code) => {
          if (pending > 0) reject(new Error(`parse worker exited with code ${code} before finishing`))
        })
        send(worker)
        send(worker)
      }
    })
  } finally {
    await Promise.all(workers.map((w) => w.terminate()))
  }
}
