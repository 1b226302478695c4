/**
 * The transform stack is saved with the postmortem: a restored postmortem brings its stack
 * back (unless the address names one: a link shows what its sender saw), and every change to
 * the stack is written into the postmortem, which autosave then stores.
 */
import { formatTransforms, parseTransforms } from '../model/transforms/syntax'
import { parseDeepLink } from './deep-link'
import { useIncidentStore, type Store } from './store'

/** Writes the current stack into the postmortem when it differs from what is saved there. */
function saveTransforms(s: Store): void {
  if (!s.postmortem) return
  const text = formatTransforms(s.transforms)
  if ((s.postmortem.transforms ?? '') === text) return
  const rest = { ...s.postmortem }
  delete rest.transforms
  useIncidentStore.setState({
    postmortem: text ? { ...rest, transforms: text } : rest,
    postmortemDirty: true,
  })
}

let started = false

export function startTransformSync(): void {
  if (started) return
  started = true
  useIncidentStore.subscribe((s, prev) => {
    if (s.postmortem && !prev.postmortem) {
      const saved = s.postmortem.transforms
      if (parseDeepLink(location.hash).tf === undefined && saved) {
        const parsed = parseTransforms(saved)
        if ('transforms' in parsed) s.setTransforms(parsed.transforms)
      } else saveTransforms(s)
      return
    }
    if (s.transforms !== prev.transforms) saveTransforms(s)
  })
}
