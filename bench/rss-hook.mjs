// Preloaded (node --import) into a measured process when /usr/bin/time is
// missing: writes the process's peak resident set size in KiB on exit.
import { writeFileSync } from 'node:fs'

const out = process.env.AGENTMERGE_BENCH_RSS
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)))
