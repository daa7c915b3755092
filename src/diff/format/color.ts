// A tiny ANSI helper. Whether to color: --color / --no-color first, then
// FORCE_COLOR (set and not empty: on, unless it is `0` or `false`), then
// NO_COLOR (set and not empty: off, see no-color.org), then TERM=dumb (off),
// then whether the output is a terminal.

export interface Paint {
  red(s: string): string
  green(s: string): string
  yellow(s: string): string
  cyan(s: string): string
  dim(s: string): string
  bold(s: string): string
}

export function useColor(option: boolean | undefined, isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  if (option !== undefined) return option
  const force = env.FORCE_COLOR
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false'
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.TERM === 'dumb') return false
  return isTTY === true
}

const wrap = (open: number, close: number) => (s: string) => (s === '' ? s : `\x1b[${open}m${s}\x1b[${close}m`)
const plain = (s: string) => s

export function paint(on: boolean): Paint {
  if (!on) return { red: plain, green: plain, yellow: plain, cyan: plain, dim: plain, bold: plain }
  return { red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), cyan: wrap(36, 39), dim: wrap(2, 22), bold: wrap(1, 22) }
}
