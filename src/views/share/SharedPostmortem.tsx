import { useRef } from 'react'
import { resolvePin } from '../../model/notes/pins'
import type { DebriefBundle } from '../../model/notes/bundle'
import { useIncidentStore } from '../../state/store'
import { Preview } from '../annotations/Preview'
import { formatBytes } from '../format'
import { openSharedInputs } from '../../state/open-shared'
import '../annotations/annotations.css'

/**
 * A postmortem from a link without its input: read-only, with the files it needs. The file
 * chosen is checked by fingerprint before it is opened.
 */
export function SharedPostmortem({ bundle }: { readonly bundle: DebriefBundle }) {
  const input = useRef<HTMLInputElement>(null)
  const markers = bundle.state.markers
  return (
    <section className="shared-waiting" aria-label="Shared postmortem" data-testid="shared-waiting">
      <div className="message message-warning">
        <strong>A shared postmortem, read-only.</strong> Its evidence is in{' '}
        {bundle.inputs.map((i, n) => (
          <span key={i.fingerprint}>
            {n ? ', ' : ''}
            <code>{i.name}</code> ({formatBytes(i.bytes)})
          </span>
        ))}
        , which the link does not carry. Open {bundle.inputs.length === 1 ? 'it' : 'them'} to see
        the postmortem beside its evidence and to edit it.{' '}
        <button
          type="button"
          className="button button-primary"
          onClick={() => input.current?.click()}
          data-testid="shared-open-input"
        >
          Open {bundle.inputs.length === 1 ? bundle.inputs[0].name : 'the inputs'}…
        </button>
        <button
          type="button"
          className="button"
          onClick={() => useIncidentStore.getState().setSharedWaiting(null)}
        >
          Close
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          data-testid="shared-file-input"
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])]
            e.currentTarget.value = ''
            if (files.length) void openSharedInputs(bundle, files)
          }}
        />
      </div>
      <Preview
        state={bundle.state}
        resolve={(pin) => resolvePin(null, pin.target, markers)}
        onOpenPin={() => input.current?.click()}
      />
    </section>
  )
}
