/** Every global keyboard shortcut, listed once: the handler and the `?` overlay both read it. */
export type Shortcut = {
  keys: string[]
  description: string
  /** Where it works. */
  scope: 'anywhere' | 'stacks' | 'flame' | 'timeline' | 'presentation'
}

export const shortcuts: Shortcut[] = [
  { keys: ['?'], description: 'Show or hide this list of shortcuts', scope: 'anywhere' },
  { keys: ['1'], description: 'Stacks view', scope: 'anywhere' },
  { keys: ['2'], description: 'Flame view', scope: 'anywhere' },
  { keys: ['3'], description: 'Timeline view', scope: 'anywhere' },
  { keys: ['p'], description: 'Show or hide the postmortem pane', scope: 'anywhere' },
  { keys: ['o'], description: 'Open files', scope: 'anywhere' },
  { keys: ['/'], description: 'Search the current view', scope: 'anywhere' },
  { keys: ['s'], description: 'Share: a redacted link or bundle', scope: 'anywhere' },
  {
    keys: ['l'],
    description: 'Copy a link to this view (group, frame, time range)',
    scope: 'anywhere',
  },
  { keys: ['Shift+P'], description: 'Present the pinned evidence', scope: 'anywhere' },
  {
    keys: ['Esc'],
    description: 'Close this list, clear the search, or leave presentation mode',
    scope: 'anywhere',
  },
  { keys: ['↑', '↓'], description: 'Move between groups', scope: 'stacks' },
  { keys: ['Enter', 'Space'], description: 'Expand or collapse a group', scope: 'stacks' },
  { keys: ['←', '→', '↑', '↓'], description: 'Move between frames', scope: 'flame' },
  { keys: ['Enter'], description: 'Zoom into the selected frame', scope: 'flame' },
  { keys: ['+', '-', '0'], description: 'Zoom in, out, reset', scope: 'flame' },
  { keys: ['W', 'A', 'S', 'D'], description: 'Pan', scope: 'flame' },
  { keys: ['→', 'PageDown'], description: 'Next piece of evidence', scope: 'presentation' },
  { keys: ['←', 'PageUp'], description: 'Previous piece of evidence', scope: 'presentation' },
  { keys: ['Home', 'End'], description: 'First or last piece of evidence', scope: 'presentation' },
]

/** True when a key event comes from a place where the user is typing text. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el || typeof el.closest !== 'function') return false
  return (
    el.closest('input, textarea, select, [contenteditable="true"], [contenteditable=""]') !== null
  )
}
