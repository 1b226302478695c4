import type { ReactNode } from 'react'

/**
 * Icons drawn inline as SVG, so they ship with the app: an emoji or a symbol font shows as an
 * empty box on a machine without that font (a meeting-room PC, a minimal Linux). Strokes use
 * `currentColor`, so an icon takes its button's colour in both themes.
 */
function Icon({ children, size = 16 }: { children: ReactNode; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  )
}

/** A push pin: pin to the postmortem. */
export function PinIcon() {
  return (
    <Icon>
      <path d="M6 1.8h4M6.6 1.8 6 6.2 3.8 8.4h8.4L10 6.2 9.4 1.8M8 8.4V14.2" />
    </Icon>
  )
}

/** A tick: done, pinned, copied. */
export function CheckIcon() {
  return (
    <Icon>
      <path d="m3 8.4 3.2 3.2L13 4.6" />
    </Icon>
  )
}

/** A pencil: a note. */
export function NoteIcon() {
  return (
    <Icon>
      <path d="M10.6 2.6 13.4 5.4 6 12.8 2.6 13.4 3.2 10Z M9.2 4 12 6.8" />
    </Icon>
  )
}

/** A cross: remove, close. */
export function CloseIcon() {
  return (
    <Icon>
      <path d="m4 4 8 8M12 4l-8 8" />
    </Icon>
  )
}

/** Pointing right (folded) or down (open). */
export function ChevronIcon({ open }: { open: boolean }) {
  return <Icon>{open ? <path d="m4 6 4 4 4-4" /> : <path d="m6 4 4 4-4 4" />}</Icon>
}

/** Pointing left or right: the previous or the next of a series. */
export function StepIcon({ direction }: { direction: 'previous' | 'next' }) {
  return (
    <Icon>{direction === 'previous' ? <path d="m10 4-4 4 4 4" /> : <path d="m6 4 4 4-4 4" />}</Icon>
  )
}

/** An arrow up or down: move, or sort order. */
export function ArrowIcon({ direction }: { direction: 'up' | 'down' }) {
  return (
    <Icon>
      {direction === 'up' ? <path d="M8 13V3M4 7l4-4 4 4" /> : <path d="M8 3v10M4 9l4 4 4-4" />}
    </Icon>
  )
}

/** Three dots: more actions. */
export function MoreIcon() {
  return (
    <Icon>
      <circle cx="3.2" cy="8" r="0.9" fill="currentColor" />
      <circle cx="8" cy="8" r="0.9" fill="currentColor" />
      <circle cx="12.8" cy="8" r="0.9" fill="currentColor" />
    </Icon>
  )
}

/** Two sheets: copy to the clipboard. */
export function CopyIcon() {
  return (
    <Icon>
      <path d="M5.5 5.5h7.5v7.5H5.5Z M10.5 5.5V3H3v7.5h2.5" />
    </Icon>
  )
}

/** A box with an arrow out of it: opens another site in a new tab. */
export function ExternalIcon() {
  return (
    <Icon>
      <path d="M9.5 2.5h4v4M13.5 2.5 7.5 8.5M11.5 9.5v4h-9v-9h4" />
    </Icon>
  )
}
