// The worker-thread entry of loadAgents (bundled as dist/load-worker.js):
// parses batches of decoded inputs and answers with each Agent serialized
// (v8.serialize, transferred without a copy) or with its error's fields, and
// stores the parse in the cache when asked. The main thread reads the files,
// so that cache keys and read errors stay there.
import { parentPort } from 'node:worker_threads'
import { agentFromInput } from '../pipeline.js'
import { errorFields } from './errors.js'
import type { Batch, BatchResult, FileResult } from './protocol.js'
import { serializeAgent, writeEntry } from './cache.js'

function parseOne(input: Batch['inputs'][number], entry: Batch['entries'][number]): FileResult {
  try {
    const payload = serializeAgent(agentFromInput(input))
    if (entry) writeEntry(entry.file, entry.key, payload)
    return { ok: true, payload }
  } catch (error) {
    return { ok: false, error: errorFields(error, input.path) }
  }
}

parentPort?.on('message', (batch: Batch) => {
  const results = batch.inputs.map((input, k) => parseOne(input, batch.entries[k] ?? null))
  const transfer: ArrayBuffer[] = []
  for (const r of results) {
    if (!r.ok) continue
    const buffer = r.payload.buffer as ArrayBuffer
    // Transfer the whole ArrayBuffer only when the payload owns it.
    if (r.payload.byteOffset === 0 && r.payload.byteLength === buffer.byteLength && !transfer.includes(buffer)) transfer.push(buffer)
  }
  const answer: BatchResult = { id: batch.id, results }
  parentPort!.postMessage(answer, transfer)
})
