import {
  createColumnHelper,
  createTable,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
} from '@tanstack/react-table'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Group } from '../../model/group'
import { NONE } from '../../model/types'
import { groupSortValue, sortGroups } from './sort-groups'
import { arrayGroupList } from '../../model/group-list'

function group(key: number, count: number, bytes: number, wait: number, states: string[]): Group {
  return {
    key: String(key),
    records: new Int32Array(0),
    count,
    bytes,
    allocations: bytes % 7,
    states: states.map((state) => ({ state, count: 1, weight: 1 })),
    waitMinutes: wait < 0 ? null : [0, wait],
    stack: NONE,
    label: '',
    labelFrame: NONE,
    createdBy: null,
    crashed: false,
    variants: 1,
  }
}

/** The order TanStack's own sorted row model gives, a row object per group. */
function tanstackOrder(groups: Group[], sorting: SortingState): string[] {
  const column = createColumnHelper<Group>()
  const ids = ['count', 'bytes', 'allocations', 'wait', 'state']
  const table = createTable<Group>({
    data: groups,
    columns: ids.map((id) =>
      column.accessor((g) => groupSortValue(g, id), {
        id,
        sortingFn: id === 'state' ? 'text' : 'basic',
      }),
    ),
    state: { sorting, columnPinning: {}, columnVisibility: {}, columnOrder: [] },
    onStateChange: () => {},
    renderFallbackValue: null,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (g) => g.key,
  })
  return table.getRowModel().rows.map((r) => r.id)
}

// Guards against the table's own sort drifting from the order TanStack gave before it made
// rows only for the groups on screen: ties, descending columns, sorts on two columns.
describe('sortGroups', () => {
  it('orders groups as TanStack does', () => {
    const states = fc.constantFrom('semacquire', 'Running', 'chan receive', 'select', 'IO wait')
    const groupsArb = fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: -1, max: 3 }),
        fc.array(states, { maxLength: 2 }),
      ),
      { maxLength: 40 },
    )
    const sortingArb = fc.array(
      fc.record({
        id: fc.constantFrom('count', 'bytes', 'allocations', 'wait', 'state'),
        desc: fc.boolean(),
      }),
      { maxLength: 2 },
    )
    fc.assert(
      fc.property(groupsArb, sortingArb, (rows, sorting) => {
        const unique = sorting.filter((s, i) => sorting.findIndex((t) => t.id === s.id) === i)
        const groups = rows.map(([c, b, w, s], i) => group(i, c, b, w, s))
        expect(
          sortGroups(arrayGroupList(groups), unique)
            .toArray()
            .map((g) => g.key),
        ).toEqual(tanstackOrder(groups, unique))
      }),
    )
  })

  it('keeps the groups as they are when nothing is sorted', () => {
    const list = arrayGroupList([group(0, 1, 0, -1, []), group(1, 5, 0, -1, [])])
    expect(sortGroups(list, [])).toBe(list)
  })
})
