#!/usr/bin/env node
// The agentmerge command: runs the CLI of the bundle (dist/cli.js) against
// this process's streams, stdin, environment and working directory.
import { main, processIo } from '../dist/cli.js'

process.exitCode = await main(process.argv.slice(2), processIo())
