import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/** The variables of one `:root[data-theme='x']` block of theme.css. */
function palette(theme: string): Record<string, string> {
  const css = readFileSync(new URL('./theme.css', import.meta.url), 'utf8')
  const block = new RegExp(`:root\\[data-theme='${theme}'\\] \\{([^}]*)\\}`).exec(css)
  if (!block) throw new Error(`no ${theme} block`)
  return Object.fromEntries(
    [...block[1].matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/g)].map((m) => [m[1], m[2]]),
  )
}

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

// A projector washes colours out: body text gets AAA (7:1), everything else AA (4.5:1).
describe.each(['light', 'dark'])('the %s theme on a projector', (theme) => {
  const p = palette(theme)
  it.each([
    ['text', 'fg', 'bg', 7],
    ['text on panels', 'fg', 'bg-soft', 7],
    ['muted text', 'fg-muted', 'bg', 4.5],
    ['muted text on panels', 'fg-muted', 'bg-soft', 4.5],
    ['buttons', 'accent-fg', 'accent', 4.5],
    ['links and focus', 'accent', 'bg', 4.5],
    ['crash text', 'crash', 'bg', 4.5],
    ['crash text on its badge', 'crash', 'crash-bg', 4.5],
    ['warnings and redaction marks', 'warn-fg', 'warn-bg', 4.5],
  ])('%s are readable', (_name, fg, bg, min) => {
    expect(contrast(p[fg as string], p[bg as string])).toBeGreaterThanOrEqual(min as number)
  })
})
