// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { boundNesting, MAX_NESTING } from './bound-nesting'
import { renderMarkdown } from './render'

/** Deepest nesting of one tag in rendered HTML, counted independently of the code under test. */
function depthOf(html: string, tag: string): number {
  let depth = 0
  let max = 0
  for (const m of html.matchAll(new RegExp(`<(/?)${tag}\\b`, 'g'))) {
    depth += m[1] ? -1 : 1
    max = Math.max(max, depth)
  }
  return max
}

describe('deep Markdown nesting is bounded before rendering', () => {
  // Guards against ~3,000 nested `> ` in a Summary overflowing marked's recursion.
  it.each([
    ['blockquotes', '> '.repeat(3000) + 'deep', 'blockquote'],
    ['blockquotes without spaces', '>'.repeat(5000) + 'deep', 'blockquote'],
    ['list items', '- '.repeat(3000) + 'deep', 'ul'],
    ['mixed', '> - 1. '.repeat(1000) + 'deep', 'blockquote'],
  ])('%s', (_name, markdown, tag) => {
    const html = renderMarkdown(markdown)
    expect(html).toContain('deep')
    expect(depthOf(html, tag)).toBeGreaterThan(0)
    expect(depthOf(html, tag)).toBeLessThanOrEqual(MAX_NESTING)
  })

  it('indented lists many lines deep', () => {
    const markdown = Array.from({ length: 600 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join(
      '\n',
    )
    const html = renderMarkdown(markdown)
    expect(html).toContain('item 599')
    expect(depthOf(html, 'ul')).toBeLessThanOrEqual(MAX_NESTING * 2 + 1)
  })

  it('leaves ordinary Markdown alone', () => {
    const text = '> quoted\n> > twice\n\n- a\n  - b\n\n1. one\n2. two\n\n    code'
    expect(boundNesting(text)).toBe(text)
  })
})
