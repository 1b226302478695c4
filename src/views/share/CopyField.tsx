import { useRef, useState } from 'react'

/**
 * A read-only field with a Copy button. The clipboard API needs a secure context and the
 * user's permission; when it is refused the text is selected for Ctrl+C instead.
 */
export function CopyField({
  value,
  label,
  testId,
}: {
  readonly value: string
  label: string
  testId?: string
}) {
  const field = useRef<HTMLTextAreaElement>(null)
  const [status, setStatus] = useState<'idle' | 'copied' | 'select'>('idle')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
      setStatus('copied')
    } catch {
      field.current?.focus()
      field.current?.select()
      setStatus('select')
    }
  }
  return (
    <div className="copy-field">
      <textarea
        ref={field}
        readOnly
        aria-label={label}
        value={value}
        rows={value.length > 300 ? 4 : 2}
        spellCheck={false}
        data-testid={testId}
        onFocus={(e) => e.currentTarget.select()}
      />
      <button type="button" className="button button-primary" onClick={() => void copy()}>
        Copy
      </button>
      <span className="copy-status" role="status">
        {status === 'copied'
          ? 'Copied.'
          : status === 'select'
            ? 'The clipboard is not available here: the link is selected, press Ctrl+C.'
            : ''}
      </span>
    </div>
  )
}
