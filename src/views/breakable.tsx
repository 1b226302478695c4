import { Fragment, type ReactNode } from 'react'
import { wrapPoints } from './wrap-points'

/**
 * A symbol, path or stack line with line-break opportunities between its parts (see
 * wrap-points.ts), so a long Go function or source path wraps between tokens instead of in
 * the middle of one.
 */
export function breakable(text: string): ReactNode {
  const parts = wrapPoints(text)
  if (parts.length < 2) return text
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 ? <wbr /> : null}
    </Fragment>
  ))
}
