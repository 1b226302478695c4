import { useRef } from 'react'
import { loadFiles } from '../../state/load'

export function OpenFileButton({
  label = 'Open file…',
  primary = false,
}: {
  label?: string
  primary?: boolean
}) {
  const input = useRef<HTMLInputElement>(null)
  return (
    <>
      <button
        type="button"
        className={primary ? 'button button-primary' : 'button'}
        onClick={() => input.current?.click()}
      >
        {label}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])]
          e.currentTarget.value = ''
          if (files.length) void loadFiles(files.map((f) => ({ name: f.name, blob: f })))
        }}
      />
    </>
  )
}
