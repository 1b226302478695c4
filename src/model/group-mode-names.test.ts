import { describe, expect, it } from 'vitest'
import type { GroupMode } from './group'
import { groupModeName, parseGroupModeName } from './group-mode-names'

describe('group mode names', () => {
  const modes: GroupMode[] = [
    { type: 'exact' },
    { type: 'lines' },
    { type: 'functions' },
    { type: 'top', frames: 3 },
    { type: 'top', frames: 12 },
    { type: 'firstApp' },
    { type: 'createdBy' },
    { type: 'state' },
    { type: 'labels' },
    { type: 'label', key: 'pid' },
    { type: 'label', key: 'http.route' },
  ]

  it.each(modes.map((m) => [groupModeName(m), m] as const))('%s reads back', (name, mode) => {
    expect(parseGroupModeName(name)).toEqual(mode)
  })

  it('refuses other names', () => {
    for (const name of [
      '',
      'top0',
      'top100',
      'Top3',
      'firstApp',
      'lines ',
      'toString',
      'label:',
      'label:a b',
    ])
      expect(parseGroupModeName(name)).toBeNull()
  })
})
