import { useState } from 'react'
import { linkFromState, linkToHere } from '../../state/deep-link-sync'
import { useIncidentStore } from '../../state/store'

/** Share… and "Copy link to this view" in the header. */
export function ShareButtons() {
  const hasIncident = useIncidentStore((s) => s.incident !== null)
  const setShareOpen = useIncidentStore((s) => s.setShareOpen)
  const [copied, setCopied] = useState<string | null>(null)
  if (!hasIncident) return null
  const copyView = async () => {
    const link = linkToHere(linkFromState(useIncidentStore.getState()))
    try {
      await navigator.clipboard.writeText(link)
      setCopied('Link copied')
    } catch {
      window.prompt('Copy this link (it opens this view for anyone who has the same input):', link)
    }
    setTimeout(() => setCopied(null), 2000)
  }
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => void copyView()}
        title="Copy a link to this view: the group, frame or time range on screen (l)"
        data-testid="copy-view-link"
      >
        {copied ?? 'Copy link to this'}
      </button>
      <button
        type="button"
        className="button"
        onClick={() => setShareOpen(true)}
        title="Share a redacted link or bundle (s)"
        data-testid="share-button"
      >
        Share…
      </button>
    </>
  )
}
