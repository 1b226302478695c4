/**
 * What the page starts once, when it opens, in one place: the deep-link sync (and the
 * transform stack it carries), autosave, what the address asks to open (a share link, a URL
 * input) and, in an audience window, following the presenter's window. Views only render; none
 * of them starts any of this.
 */
import { startAutosave } from './persistence/autosave'
import { startDeepLinkSync } from './deep-link-sync'
import { FOLLOW_PARAM, startAudience } from './follow'
import { openFromFragment } from './open-shared'

let started = false

/** Starts everything once; `hash` is the address's fragment at load. */
export function startApp(hash: string): void {
  if (started) return
  started = true
  startDeepLinkSync()
  startAutosave()
  // Read before openFromFragment drops the one-shot keys from the address.
  const follower = new URLSearchParams(hash.replace(/^#/, '')).has(FOLLOW_PARAM)
  void openFromFragment(hash)
  if (follower) startAudience()
}
