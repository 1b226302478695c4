// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { pinCardHtml, renderMarkdown } from './render'

describe('the preview never runs script from the document', () => {
  it.each([
    ['an img with onerror', '<img src=x onerror=alert(1)>'],
    ['a javascript: link', '[x](javascript:alert(1))'],
    ['an encoded javascript: link', '[x](jav&#x09;ascript:alert(1))'],
    ['a script tag', '<script>alert(1)</script>'],
    ['an svg with onload', '<svg onload=alert(1)>'],
    ['an image with a javascript: source', '![x](javascript:alert(1))'],
    ['a data: URL link', '[x](data:text/html,<script>alert(1)</script>)'],
    ['an autolink', '<javascript:alert(1)>'],
  ])('%s', (_, markdown) => {
    const html = renderMarkdown(markdown)
    const root = document.createElement('div')
    root.innerHTML = html
    for (const el of root.querySelectorAll('*')) {
      for (const attr of el.attributes) expect(attr.name.startsWith('on')).toBe(false)
      expect(el.tagName).not.toBe('SCRIPT')
      expect(el.tagName).not.toBe('IMG')
      const href = el.getAttribute('href') ?? ''
      expect(href.replace(/\s/g, '').toLowerCase()).not.toMatch(/^(javascript|data):/)
    }
  })

  it('shows HTML typed in the document as text', () => {
    expect(renderMarkdown('<b>bold</b> and <img src=x onerror=alert(1)>')).toContain(
      '&lt;b&gt;bold&lt;/b&gt;',
    )
  })

  // happy-dom's parser drops the <table> wrapper and skips DOMPurify's attribute hooks; the
  // e2e test checks those in Chromium.
  it('renders Markdown: tables, lists, code, outside links', () => {
    const html = renderMarkdown(
      '| a | b |\n|---|---|\n| 1 | 2 |\n\n- item\n\n`code` [site](https://example.com)',
    )
    expect(html).toContain('<th>a</th>')
    expect(html).toContain('<li>item</li>')
    expect(html).toContain('<code>code</code>')
    expect(html).toContain('<a href="https://example.com">site</a>')
  })

  it('turns pin links into cards, escaping what the input said', () => {
    const pin = {
      id: 'p1',
      label: 'E1: <b>x</b>',
      target: { type: 'frame' as const, func: 'f' },
      createdAt: 0,
    }
    const card = pinCardHtml(pin, {
      type: 'frame',
      found: true,
      heading: 'f · on 2 stacks',
      code: ['<script>alert(1)</script>'],
      meta: [],
      destination: null,
    })
    const html = renderMarkdown('see [E1](#pin=p1) and [E9](#pin=p9)', (id) =>
      id === 'p1' ? card : null,
    )
    expect(html).toContain('data-pin="p1"')
    expect(html).toContain('&lt;script&gt;')
    expect(html).not.toContain('<script>')
    expect(html).toContain('E9 (pin removed)')
  })
})

describe("the template's placeholders", () => {
  it('leaves out a bullet with nothing after it, and keeps the points written', () => {
    const html = renderMarkdown(
      '### What went well\n\n- \n\n### What went badly\n\n- paged late\n-\n',
    )
    const doc = new DOMParser().parseFromString(html, 'text/html')
    const items = [...doc.querySelectorAll('li')].map((li) => li.textContent)
    expect(items).toEqual(['paged late'])
  })
})
