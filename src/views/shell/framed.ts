/**
 * Whether this page is shown inside another site's frame. A host that sends
 * `Content-Security-Policy: frame-ancestors 'none'` stops framing before the page loads; on a
 * host that cannot set headers (GitHub Pages) this check refuses to run the app in a frame, so
 * another site cannot overlay it and trick a click (export, share, "Take theirs").
 */
export function isFramed(win: Window = window): boolean {
  try {
    return win.top !== win.self
  } catch {
    // A cross-origin parent can make even the comparison throw: framed.
    return true
  }
}
