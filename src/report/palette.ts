// Source colors: a fixed palette that stays apart for the common kinds of
// color blindness (Okabe and Ito's eight, with black made a dark grey), each
// with the text color (black or white) that reads best on it. Beyond eight
// inputs the colors repeat; the badge letters never do, and the repeats get
// a dashed border so two inputs that share a color still look different.

export const PALETTE: readonly string[] = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#4D4D4D']

function channel(c: number): number {
  const s = c / 255
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
}

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16)
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255)
}

/** WCAG contrast ratio of two `#rrggbb` colors (1..21). */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number]
  return (x + 0.05) / (y + 0.05)
}

/** The text color for a background: black or white, whichever contrasts more. */
export function textOn(background: string): string {
  return contrast(background, '#000000') >= contrast(background, '#FFFFFF') ? '#000000' : '#FFFFFF'
}

interface Swatch {
  background: string
  text: string
  /** True from the second round of the palette on. */
  repeat: boolean
}

export function swatch(index: number): Swatch {
  const background = PALETTE[index % PALETTE.length]!
  return { background, text: textOn(background), repeat: index >= PALETTE.length }
}
