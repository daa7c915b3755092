#!/usr/bin/env node
// Builds data/similarity.bin, the similarity's learned data, from a corpus of
// agent definitions (see docs/similarity.md, "Learned data"):
//
//   npm run train -- ../shared/corpus/agents            # writes data/similarity.bin
//   npm run train -- ../shared/corpus/agents --out F    # elsewhere
//   npm run train -- ../shared/corpus/agents --check    # rebuild, compare with the shipped file, exit 1 if they differ
//
// Every *.md file of the directory is read with the real pipeline (readAgent);
// a file the pipeline refuses is skipped and counted. The corpus's
// SOURCES.json (beside the directory) is hashed into the header. The output
// depends only on the files' bytes: files in name order, fixed seeds, no
// timestamps.

import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundle } from './lib/bundle.mjs'
import { learn, statementsWithTitles } from './lib/learn.mjs'

const root = resolve(fileURLToPath(import.meta.url), '../..')

function parseArgs(argv) {
  const out = { corpus: undefined, out: join(root, 'data/similarity.bin'), check: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--out') out.out = resolve(argv[++i])
    else if (a === '--check') out.check = true
    else if (!a.startsWith('-') && !out.corpus) out.corpus = resolve(a)
    else throw new Error(`unknown argument ${a}`)
  }
  if (!out.corpus) throw new Error('usage: npm run train -- CORPUS/agents [--out FILE] [--check]')
  return out
}

/** Reads a corpus directory: the statements of every file, and what was skipped. */
export function readCorpus(dir, { pipeline }, keep = () => true) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.md') && keep(f)).sort()
  const docs = []
  let skipped = 0
  for (const f of files) {
    let agent
    try {
      agent = pipeline.readAgent(join(dir, f))
    } catch {
      skipped++
      continue
    }
    docs.push(...statementsWithTitles(agent.root))
  }
  return { files: files.length - skipped, skipped, docs }
}

export async function loadTrainModules() {
  return bundle({
    pipeline: join(root, 'src/pipeline.ts'),
    tokens: join(root, 'src/similarity/tokens.ts'),
    learned: join(root, 'src/similarity/learned.ts'),
  })
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const mods = await loadTrainModules()
  const sourcesPath = join(dirname(args.corpus), 'SOURCES.json')
  if (!existsSync(sourcesPath)) throw new Error(`${sourcesPath}: not found (the corpus's list of sources)`)
  const sources = createHash('sha256').update(readFileSync(sourcesPath)).digest('hex')
  const started = performance.now()
  const { files, skipped, docs } = readCorpus(args.corpus, mods)
  const memo = new mods.tokens.StemMemo()
  const data = learn(docs, (t) => mods.tokens.stemsOf(t, memo))
  const buf = mods.learned.encodeLearned({
    header: { sources, files, statements: data.statements },
    dims: data.dims,
    vectorTerms: data.vectorTerms,
    otherTerms: data.otherTerms,
  })
  const digest = createHash('sha256').update(buf).digest('hex')
  const secs = ((performance.now() - started) / 1000).toFixed(1)
  console.error(`train: ${files} files (${skipped} skipped), ${data.statements} statements, ${data.vectorTerms.length} vectors x ${data.dims}, ${data.otherTerms.length} more stems; ${buf.length} bytes, sha256 ${digest}; ${secs} s`)
  if (args.check) {
    const shipped = existsSync(args.out) ? readFileSync(args.out) : undefined
    const same = shipped !== undefined && Buffer.compare(shipped, buf) === 0
    console.error(same ? `train: ${args.out} is identical` : `train: ${args.out} differs from the rebuild`)
    process.exit(same ? 0 : 1)
  }
  mkdirSync(dirname(args.out), { recursive: true })
  writeFileSync(args.out + '.tmp', buf)
  renameSync(args.out + '.tmp', args.out)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`train: ${err instanceof Error ? err.message : err}`)
    process.exit(1)
  })
}
