// The world a CLI run sees: its output streams, its stdin, its environment
// and its working directory. The bin passes the process's own; tests pass
// captured streams, so that the CLI runs in-process with nothing shared
// between runs.

/** What the CLI writes to: a process stream, or a test's capture. */
export interface OutStream {
  write(text: string): unknown
  /** A terminal: progress lines and color. */
  isTTY?: boolean
  columns?: number
}

export type Env = Readonly<Record<string, string | undefined>>

export interface CliIo {
  stdout: OutStream
  stderr: OutStream
  /** The bytes of stdin, read when an input is `-` (read once, up to a byte past `limit`; later calls return the same bytes). */
  stdin: (limit?: number) => Uint8Array
  /** Stdin is a terminal: a command given no files does not wait on it. */
  stdinIsTTY?: boolean
  env: Env
  cwd: string
}

/** Reads a source of bytes once, on first use. */
export function once(read: (limit?: number) => Uint8Array): (limit?: number) => Uint8Array {
  let bytes: Uint8Array | undefined
  return (limit) => (bytes ??= read(limit))
}

/** A captured output stream, for running the CLI in-process. */
export class Capture implements OutStream {
  private chunks: string[] = []
  constructor(readonly isTTY = false, readonly columns?: number) {}
  write(text: string): boolean {
    this.chunks.push(text)
    return true
  }
  text(): string {
    return this.chunks.join('')
  }
}
