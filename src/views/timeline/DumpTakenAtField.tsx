import { useEffect, useState } from 'react'
import { parseUtcInput } from '../../model/notes/document'
import type { Milliseconds } from '../../model/types'

/**
 * "Dump taken at": when no line dates a goroutine dump, the time the team knows it was taken
 * (from the incident channel, a `kill -QUIT` in the shell history). Stuck since counts the
 * waits back from it instead of an assumed time. Saved with the postmortem.
 */
export function DumpTakenAtField({
  dumpLabel,
  takenAt,
  onChange,
}: {
  /** Names the dump in the field's label: the input's name and the dump's first line. */
  readonly dumpLabel: string
  readonly takenAt: Milliseconds | undefined
  onChange(time: Milliseconds | undefined): void
}) {
  const [text, setText] = useState(inputValue(takenAt))
  // Follow changes made elsewhere (another tab, a restored postmortem, another dump shown).
  useEffect(() => {
    setText((t) => (parseUtcInput(t) === (takenAt ?? null) ? t : inputValue(takenAt)))
  }, [takenAt])
  const parsed = parseUtcInput(text)
  const invalid = text.trim() !== '' && parsed === null
  return (
    <div className="toolbar dump-taken-at" data-testid="dump-taken-at">
      <label className="toolbar-field">
        <span>Dump taken at (UTC)</span>
        <input
          aria-label={`Dump taken at (UTC), ${dumpLabel}`}
          aria-invalid={invalid}
          placeholder="YYYY-MM-DD HH:MM:SS"
          size={22}
          value={text}
          onChange={(e) => {
            setText(e.target.value)
            const t = parseUtcInput(e.target.value)
            // Saved as soon as it reads as a time, so a reload keeps it; empty clears it.
            if (e.target.value.trim() === '') onChange(undefined)
            else if (t !== null && t !== takenAt) onChange(t)
          }}
        />
      </label>
      {takenAt === undefined ? (
        <span className="muted">no line dates this dump: set when it was taken</span>
      ) : null}
    </div>
  )
}

function inputValue(ms: Milliseconds | undefined): string {
  return ms === undefined ? '' : new Date(ms).toISOString().replace('T', ' ').replace('.000Z', '')
}
