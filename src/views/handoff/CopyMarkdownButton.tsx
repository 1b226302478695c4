import { useState } from 'react'
import { CheckIcon, CopyIcon } from '../icons'

/**
 * "Copy as Markdown": puts a block for a ticket on the clipboard when clicked. Where the
 * clipboard refuses (an insecure page, a denied permission) the block is shown to copy by hand.
 */
export function CopyMarkdownButton({
  make,
  what,
}: {
  /** Builds the block; may read lines back from the input first. */
  make(): string | Promise<string>
  /** `group`, `frame`, `events`: names the fallback box for screen readers. */
  what: string
}) {
  const [copied, setCopied] = useState(false)
  const [shown, setShown] = useState<string | null>(null)
  return (
    <>
      <button
        type="button"
        className="button pm-small"
        data-testid="copy-markdown"
        title="A Markdown block for a ticket: the figures, where they were read, and the stack or lines"
        onClick={async () => {
          const text = await make()
          try {
            await navigator.clipboard.writeText(text)
            setCopied(true)
            setShown(null)
          } catch {
            setShown(text)
          }
        }}
      >
        {copied ? (
          <>
            <span>Markdown copied</span>
            <CheckIcon />
          </>
        ) : (
          <>
            <span>Copy as Markdown</span>
            <CopyIcon />
          </>
        )}
      </button>
      {shown !== null ? (
        <textarea
          className="markdown-preview"
          data-testid="markdown-preview"
          readOnly
          rows={8}
          aria-label={`Markdown for this ${what}`}
          value={shown}
          onFocus={(e) => e.currentTarget.select()}
        />
      ) : null}
    </>
  )
}
