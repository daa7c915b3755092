// Agent colors: the named colors Claude Code takes and the hex values OpenCode
// takes for them, and the nearest name for a hex value.

/** Claude Code's color names, as the hex values OpenCode accepts. */
export const COLORS: Readonly<Record<string, string>> = {
  red: '#EF4444', blue: '#3B82F6', green: '#22C55E', yellow: '#EAB308', purple: '#A855F7', orange: '#F97316', pink: '#EC4899', cyan: '#06B6D4',
}

/** The named color nearest to a `#rrggbb` value, or undefined for anything else. */
export function nearestColor(hex: string): string | undefined {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim())
  if (!m) return undefined
  const rgb = (h: string) => [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16))
  const [r, g, b] = rgb(m[1]!)
  let best: string | undefined
  let bestDistance = Infinity
  for (const [name, value] of Object.entries(COLORS)) {
    const [r2, g2, b2] = rgb(value.slice(1))
    const d = (r! - r2!) ** 2 + (g! - g2!) ** 2 + (b! - b2!) ** 2
    if (d < bestDistance) {
      best = name
      bestDistance = d
    }
  }
  return best
}
