import { Fragment, type ReactNode } from 'react'

/**
 * A symbol or path with line-break opportunities after `/`, `.` and `)`, so a long Go
 * function (`example.com/edgeproxy/internal/dns.(*singleflightGroup).Do`) wraps between its
 * parts instead of in the middle of a word.
 */
export function breakable(text: string): ReactNode {
  const parts = text.split(/(?<=[/.)])/)
  if (parts.length < 2) return text
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 ? <wbr /> : null}
    </Fragment>
  ))
}
