/**
 * Markdown to safe HTML for the preview and the HTML report. Two layers: the renderer never
 * emits raw HTML from the document (HTML in the text is shown as text; images become links, so
 * nothing loads from elsewhere), and DOMPurify then removes anything executable that got
 * through (`javascript:` links included). Pin links (`#pin=<id>`) become evidence cards.
 */
import DOMPurify from 'dompurify'
import { Marked, type Tokens } from 'marked'
import { pinIdFromHref, type ResolvedPin } from '../../model/notes/pins'
import type { Pin } from '../../model/notes/types'
import { boundNesting } from './bound-nesting'

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )
}

/** A card for a pinned item: heading, code lines, small print. Text is escaped here. */
export function pinCardHtml(pin: Pin, resolved: ResolvedPin): string {
  const code = resolved.code.length
    ? `<span class="pin-card-code">${resolved.code.map((l) => `<span class="pin-card-line">${escapeHtml(l)}</span>`).join('')}</span>`
    : ''
  const meta = resolved.meta.length
    ? `<span class="pin-card-meta">${resolved.meta.map(escapeHtml).join(' · ')}</span>`
    : ''
  return (
    `<a class="pin-card pin-card-${resolved.type}${resolved.found ? '' : ' pin-card-missing'}" href="#pin=${escapeHtml(pin.id)}" data-pin="${escapeHtml(pin.id)}">` +
    `<span class="pin-card-label">${escapeHtml(pin.label)}</span>` +
    `<span class="pin-card-heading">${escapeHtml(resolved.heading)}</span>${code}${meta}</a>`
  )
}

/**
 * Only web, mail and in-page links are kept; everything else (`javascript:`, `data:`, `vbscript:`,
 * `file:`, entity- or whitespace-obfuscated forms of them) is dropped here, before DOMPurify.
 */
export function safeHref(href: string): string | null {
  const decoded = href
    .replace(/&#x?[0-9a-f]+;?/gi, '')
    // Browsers ignore control characters and spaces inside a scheme (`java\tscript:`).
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
    .toLowerCase()
  if (/^(https?:|mailto:|#)/.test(decoded)) return href
  return /^[a-z][a-z0-9+.-]*:/.test(decoded) || decoded.startsWith('//') ? null : href
}

export type CardFor = (pinId: string) => string | null

function createMarked(cardFor: CardFor): Marked {
  return new Marked({
    gfm: true,
    // The template's sections start with an empty `- ` for the writer to fill: a bullet with
    // nothing after it is a placeholder, not a point, and the preview and report leave it out.
    walkTokens(token) {
      if (token.type === 'list')
        (token as Tokens.List).items = (token as Tokens.List).items.filter(
          (item) => item.text.trim() !== '' || item.task,
        )
    },
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(token.text)
      },
      image(token: Tokens.Image) {
        const href = safeHref(token.href)
        const text = escapeHtml(token.text || token.href)
        return href === null ? text : `<a href="${escapeHtml(href)}">${text}</a>`
      },
      link(token: Tokens.Link) {
        const id = pinIdFromHref(token.href)
        if (id !== null)
          return (
            cardFor(id) ??
            `<span class="pin-missing">${escapeHtml(token.text)} (pin removed)</span>`
          )
        if (safeHref(token.href) === null) return escapeHtml(token.text)
        return false
      },
    },
  })
}

let hooked = false
function hookLinks(): void {
  if (hooked) return
  hooked = true
  // Outside links open in a new tab and pass nothing to the page they open.
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? ''
      if (!href.startsWith('#')) {
        node.setAttribute('target', '_blank')
        node.setAttribute('rel', 'noopener noreferrer')
      }
    }
  })
}

/** Markdown to sanitised HTML (needs a DOM: the page, or happy-dom in tests). */
export function renderMarkdown(markdown: string, cardFor: CardFor = () => null): string {
  hookLinks()
  const html = createMarked(cardFor).parse(boundNesting(markdown), { async: false })
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: [
      'style',
      'form',
      'input',
      'button',
      'textarea',
      'select',
      'iframe',
      'object',
      'embed',
    ],
    ALLOW_DATA_ATTR: true,
  })
}
