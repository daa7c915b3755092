// Progress on stderr for commands that work through many files: one line,
// `agentmerge: reading 12/40`, redrawn in place at most every 100 ms and
// erased at the end. Only when stderr is a terminal (and not TERM=dumb),
// never with --quiet, and never for fewer than two files: a pipe, a log or
// a CI transcript gets nothing. While the line is up, anything else written
// to stderr (or to stdout on the same terminal), such as a warning, first
// erases it, so messages never end up glued to a progress line.

/** What the progress line needs from a stream (the run's stderr in the CLI). */
export interface ProgressStream {
  isTTY?: boolean
  columns?: number
  write(text: string): unknown
}

export interface ProgressOptions {
  /** --quiet: no progress either. */
  quiet?: boolean
  /** Where the line goes (the run's stderr). */
  stream: ProgressStream
  /** Other streams to erase the line before writing to (the run's stdout when it is a terminal). */
  others?: ProgressStream[]
  /** Least time between redraws, in ms; default 100. */
  interval?: number
  /** The clock (tests pass their own). */
  now?: () => number
  /** The run's environment, for TERM. */
  env: Readonly<Record<string, string | undefined>>
}

const ERASE = '\r\x1b[K'

/** Whether progress would be shown on this stream. */
function progressShown(options: ProgressOptions): boolean {
  return options.quiet !== true && options.stream.isTTY === true && options.env.TERM !== 'dumb'
}

/** One progress line. `update` as work gets done, `end` when it is all done (safe to call twice). */
export class Progress {
  private readonly stream: ProgressStream
  private readonly others: ProgressStream[]
  private readonly interval: number
  private readonly now: () => number
  private readonly enabled: boolean
  private drawn = false
  private last = Number.NEGATIVE_INFINITY
  private readonly originals = new Map<ProgressStream, ProgressStream['write']>()

  constructor(readonly label: string, options: ProgressOptions) {
    this.stream = options.stream
    this.others = options.others ?? []
    this.interval = options.interval ?? 100
    this.now = options.now ?? Date.now
    this.enabled = progressShown(options)
  }

  update(done: number, total: number): void {
    if (!this.enabled || total < 2) return
    if (done >= total) return this.end()
    const t = this.now()
    if (t - this.last < this.interval) return
    this.last = t
    this.hook()
    // A terminal that reports no size (0 columns, as a bare pty) is taken to have 80.
    const width = (this.stream.columns || 80) - 1
    const count = `${done}/${total}`
    const text = `agentmerge: ${this.label} ${count}`
    this.raw(ERASE + (text.length <= width ? text : `${this.label} ${count}`.slice(-width)))
    this.drawn = true
  }

  end(): void {
    if (this.drawn) this.raw(ERASE)
    this.drawn = false
    for (const [stream, write] of this.originals) stream.write = write
    this.originals.clear()
  }

  private raw(text: string): void {
    const write = this.originals.get(this.stream) ?? this.stream.write
    write.call(this.stream, text)
  }

  // Other writes erase the line first; the next update draws it again.
  private hook(): void {
    if (this.originals.size > 0) return
    for (const stream of [this.stream, ...this.others]) {
      const original = stream.write
      this.originals.set(stream, original)
      const self = this
      stream.write = function (this: unknown, ...args: unknown[]) {
        if (self.drawn) {
          self.raw(ERASE)
          self.drawn = false
          self.last = Number.NEGATIVE_INFINITY
        }
        return (original as (...a: unknown[]) => unknown).apply(stream, args)
      } as ProgressStream['write']
    }
  }
}

/**
 * The items of a list, one by one, with a progress line counting them as the
 * loop finishes each; the line is erased when the loop ends (or breaks, or throws).
 */
export function* withProgress<T>(items: Iterable<T>, label: string, options: ProgressOptions): Generator<T> {
  const list = Array.isArray(items) ? (items as T[]) : [...items]
  const progress = new Progress(label, options)
  try {
    progress.update(0, list.length)
    for (let i = 0; i < list.length; i++) {
      yield list[i]!
      progress.update(i + 1, list.length)
    }
  } finally {
    progress.end()
  }
}

/** A `loadAgents` onProgress callback drawing the line; it is erased when every file is done. */
export function progressCallback(label: string, options: ProgressOptions): (done: number, total: number) => void {
  const progress = new Progress(label, options)
  return (done, total) => progress.update(done, total)
}
