import { describe, expect, it } from 'vitest'
import {
  emptyActionItem,
  findActionTable,
  formatActionTable,
  setActionItems,
  type ActionItem,
} from './action-items'

const item = (what: string, extra: Partial<ActionItem> = {}): ActionItem => ({
  ...emptyActionItem(),
  what,
  ...extra,
})

describe('action items table', () => {
  it('round-trips through Markdown, pipes and line breaks included', () => {
    const items = [
      item('Add a timeout to the DNS lookup | resolver', {
        owner: '@ana',
        ticket: '[OPS-12](https://t/OPS-12)',
      }),
      item('Alert on goroutine count\nper pod', {
        type: 'mitigate',
        due: '2024-04-01',
        status: 'done',
      }),
    ]
    const body = setActionItems('', items)
    expect(body.split('\n')[0]).toBe('| What | Type | Owner | Ticket | Due | Status |')
    expect(findActionTable(body)!.items).toEqual([
      items[0],
      { ...items[1], what: 'Alert on goroutine count per pod' },
    ])
  })

  it('replaces the table and keeps the text around it', () => {
    const before = `Agreed in the review.\n\n${formatActionTable([item('old')])}\n\nMore later.`
    const after = setActionItems(before, [item('new'), item('newer')])
    expect(after.startsWith('Agreed in the review.\n\n| What')).toBe(true)
    expect(after.endsWith('\n\nMore later.')).toBe(true)
    expect(findActionTable(after)!.items.map((i) => i.what)).toEqual(['new', 'newer'])
  })

  it('reads columns by title when the team reordered or dropped some', () => {
    const body = '| Owner | What |\n|:--|--:|\n| bob | rotate keys |'
    expect(findActionTable(body)!.items).toEqual([
      { ...item('rotate keys', { owner: 'bob' }), type: '', status: '' },
    ])
  })

  it.each([
    ['no table', 'just text'],
    ['another table', '| A | B |\n| - | - |\n| 1 | 2 |'],
  ])('finds nothing in %s', (_, body) => {
    expect(findActionTable(body)).toBeNull()
  })

  it('appends a table after existing text', () => {
    expect(setActionItems('Notes', [])).toBe(`Notes\n\n${formatActionTable([])}`)
  })
})
