import { useMemo, type MouseEvent } from 'react'
import { computeHeaderMarkdown } from '../../model/notes/markdown'
import type { ResolvedPin } from '../../model/notes/pins'
import type { Pin, PostmortemState } from '../../model/notes/types'
import { escapeHtml, pinCardHtml, renderMarkdown } from './render'

/** The document as it will read: sanitised HTML with live evidence cards. */
export function Preview({
  state,
  resolve,
  onOpenPin,
}: {
  readonly state: PostmortemState
  resolve(pin: Pin): ResolvedPin
  onOpenPin(pin: Pin): void
}) {
  const html = useMemo(() => {
    const cardFor = (id: string) => {
      const pin = state.pins.find((p) => p.id === id)
      return pin ? pinCardHtml(pin, resolve(pin)) : null
    }
    const parts = [
      `<h1>${escapeHtml(state.doc.title || 'Postmortem')}</h1>`,
      renderMarkdown(computeHeaderMarkdown(state)),
    ]
    for (const s of state.doc.sections) {
      if (s.skipped) continue
      parts.push(`<h2>${escapeHtml(s.title)}</h2>`, renderMarkdown(s.body, cardFor))
    }
    return parts.join('\n')
  }, [state, resolve])
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const card = (e.target as HTMLElement).closest<HTMLElement>('[data-pin]')
    if (!card) return
    e.preventDefault()
    const pin = state.pins.find((p) => p.id === card.dataset.pin)
    if (pin) onOpenPin(pin)
  }
  return (
    <div
      className="pm-preview"
      data-testid="pm-preview"
      onClick={onClick}
      // Built by renderMarkdown: the renderer emits no raw HTML and DOMPurify sanitises it.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  )
}
