import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type SortingState,
} from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { scaledScrollOptions } from '../scaled-scroll'
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { Group } from '../../model/group'
import type { GroupList } from '../../model/group-list'
import type { SnapshotWeight } from '../../model/group-growth'
import { getGroupFigures } from '../../model/group-figures'
import { makePartingFrameOf, type Parting } from '../../model/parting-frame'
import { getFrameFunc, getFrameLocation } from '../../model/stacks'
import type { Incident } from '../../model/types'
import { NONE } from '../../model/types'
import { countOf, formatBytes, formatCount, formatWait } from '../format'
import { GroupNoteBadge } from '../annotations/ItemActions'
import { GrowthCell } from './GrowthCell'
import { StackDetail } from './StackDetail'
import { useIncidentStore } from '../../state/store'
import { breakable } from '../breakable'
import { ArrowIcon, ChevronIcon } from '../icons'
import { groupSortValue, sortGroups } from './sort-groups'
import { computeScrollScale, rowTop, scrollSpacePx } from '../scroll-scale'
import { emptyTableMessage } from './empty-table'

const column = createColumnHelper<Group>()

/**
 * A collapsed row's height in CSS pixels, rounded as the virtualizer measures it: a line of
 * text, its padding and the border below (33.8 px at the default font size).
 */
const ROW_HEIGHT_PX = 34

/** A virtualised table of groups: thousands of rows cost only the visible ones. */
export function GroupTable({
  incident,
  groups,
  expanded,
  onToggle,
  growth,
  shownSnapshots,
}: {
  readonly incident: Incident
  /** Largest first; the table makes the groups of the rows it shows. */
  readonly groups: GroupList
  readonly expanded: ReadonlySet<string>
  onToggle(key: string): void
  /** Each group's weight per snapshot, for inputs with several; null otherwise. */
  readonly growth?: ReadonlyMap<string, readonly SnapshotWeight[]> | null
  readonly shownSnapshots?: ReadonlySet<number>
}) {
  // Leak records have no state: the column then only holds the crashed and note marks.
  const {
    bytes: hasBytes,
    largestBytesFirst,
    states: hasStates,
    allocations: hasAllocations,
    wait: hasWait,
  } = useMemo(() => getGroupFigures(incident, groups), [incident, groups])
  // Rows that would read alike name the caller where their stacks part.
  const partingOf = useMemo(() => makePartingFrameOf(incident, groups), [incident, groups])
  // Leak reports read largest-bytes first, as the tools print them; stacks by count.
  const [sorting, setSorting] = useState<SortingState>(() =>
    largestBytesFirst ? [{ id: 'bytes', desc: true }] : [],
  )

  const columns = useMemo(
    () => [
      column.accessor('count', {
        header: 'Count',
        cell: (c) => formatCount(c.getValue()),
        sortDescFirst: true,
      }),
      column.accessor((g) => groupSortValue(g, 'state'), {
        id: 'state',
        sortingFn: 'text',
        header: hasStates ? 'State' : '',
        cell: (c) => (
          <>
            <StateCell group={c.row.original} />
            <GroupNoteBadge incident={incident} group={c.row.original} />
          </>
        ),
      }),
      ...(hasWait
        ? [
            column.accessor((g) => g.waitMinutes?.[1] ?? -1, {
              id: 'wait',
              header: 'Waiting',
              cell: (c) => formatWait(c.row.original.waitMinutes),
              sortDescFirst: true,
            }),
          ]
        : []),
      ...(hasBytes
        ? [
            column.accessor('bytes', {
              header: 'Bytes',
              // Rounded to read at a glance; exact in the title, to quote in a postmortem.
              cell: (c) => (
                <span title={`${formatCount(c.getValue())} B`}>{formatBytes(c.getValue())}</span>
              ),
              sortDescFirst: true,
            }),
          ]
        : []),
      ...(hasAllocations
        ? [
            column.accessor('allocations', {
              header: 'Allocations',
              cell: (c) => formatCount(c.getValue()),
              sortDescFirst: true,
            }),
          ]
        : []),
      ...(growth
        ? [
            column.display({
              id: 'growth',
              header: 'Across snapshots',
              cell: (c) => (
                <GrowthCell
                  incident={incident}
                  growth={growth.get(c.row.original.key)}
                  shown={shownSnapshots ?? NO_SNAPSHOTS}
                  byBytes={hasBytes}
                />
              ),
            }),
          ]
        : []),
      column.display({
        id: 'frame',
        header: 'Group',
        cell: (c) => (
          <TopFrameCell
            incident={incident}
            group={c.row.original}
            parting={partingOf(c.row.original)}
          />
        ),
      }),
    ],
    [incident, hasBytes, hasAllocations, hasWait, hasStates, growth, shownSnapshots, partingOf],
  )

  // The table sorts here and TanStack makes rows only for the groups on screen: a row object
  // for each of two million groups took gigabytes.
  const sorted = useMemo(() => sortGroups(groups, sorting), [groups, sorting])
  const scroller = useRef<HTMLDivElement>(null)
  // Table pixels per scroll pixel (scroll-scale.ts): the virtualizer works in table pixels.
  const scale = useRef(1)
  const measuredOrder = useRef(sorted)
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scroller.current,
    // A row measured as estimated leaves the layout alone; each first row that differed made
    // the virtualizer place every row again: three passes over two million rows, now one.
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 8,
    // Rows are keyed by their place (the default): keying them by group made each layout of
    // the rows read every group, 1 s for two million. Measured heights belong to places, so
    // they are dropped when the order changes (below).
    ...scaledScrollOptions(scale),
  })
  useLayoutEffect(() => {
    if (measuredOrder.current !== sorted) virtualizer.measure()
    measuredOrder.current = sorted
  }, [sorted, virtualizer])
  const tablePx = virtualizer.getTotalSize()
  scale.current = computeScrollScale(tablePx, virtualizer.scrollRect?.height ?? 0)
  const tableOffset = virtualizer.scrollOffset ?? 0
  const items = virtualizer.getVirtualItems()
  const first = items.length ? items[0].index : 0
  const end = items.length ? items[items.length - 1].index + 1 : 0
  // Held between renders: TanStack rebuilds its rows whenever `data` is a new array.
  const shown = useMemo(
    () => Array.from({ length: end - first }, (_, k) => sorted.at(first + k)),
    [sorted, first, end],
  )
  const table = useReactTable({
    data: shown,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    manualSorting: true,
    autoResetPageIndex: false,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (g) => g.key,
  })
  const rows = table.getRowModel().rows
  // A pin, a deep link or a presentation step asks for a group: scroll to it and focus it.
  const focusRequest = useIncidentStore((s) => s.focusRequest)
  useEffect(() => {
    const d = focusRequest?.destination
    if (d?.view !== 'stacks') return
    const index = sorted.toArray().findIndex((g) => g.key === d.groupKey)
    if (index === -1) return
    virtualizer.scrollToIndex(index, { align: 'start' })
    requestAnimationFrame(() =>
      scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"] .group-row`)?.focus(),
    )
    // Only a new request moves the table, not every re-render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest])
  // Every row is its own grid (the rows are virtualised), so tracks have fixed widths:
  // content-sized tracks would line up differently row by row.
  const template = [
    'var(--col-caret, 2.5rem)',
    ...table
      .getVisibleLeafColumns()
      .map((c) =>
        c.id === 'state' && !hasStates ? '3rem' : (COLUMN_WIDTHS[c.id] ?? 'minmax(10rem, 1fr)'),
      ),
  ].join(' ')

  const onRowKey = (e: KeyboardEvent<HTMLDivElement>, index: number, key: string) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      onToggle(key)
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      const next = Math.max(
        0,
        Math.min(sorted.length - 1, index + (e.key === 'ArrowDown' ? 1 : -1)),
      )
      virtualizer.scrollToIndex(next)
      requestAnimationFrame(() =>
        scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"] .group-row`)?.focus(),
      )
    }
  }

  if (groups.length === 0) return <div className="message">{emptyTableMessage(incident)}</div>

  return (
    <div
      className="group-table"
      role="table"
      aria-rowcount={sorted.length}
      data-testid="group-table"
    >
      <div className="group-head" role="row" style={{ gridTemplateColumns: template }}>
        <span role="columnheader" aria-label="Expand" />
        {table.getFlatHeaders().map((header) => (
          <span
            role="columnheader"
            key={header.id}
            className={`head-${header.id}`}
            aria-sort={ariaSort(header.column.getIsSorted())}
          >
            {header.column.getCanSort() ? (
              <button
                type="button"
                className="sort-button"
                onClick={header.column.getToggleSortingHandler()}
              >
                {flexRender(header.column.columnDef.header, header.getContext())}
                <SortMark sorted={header.column.getIsSorted()} />
              </button>
            ) : (
              flexRender(header.column.columnDef.header, header.getContext())
            )}
          </span>
        ))}
      </div>
      <div className="group-body" ref={scroller}>
        <div style={{ height: scrollSpacePx(tablePx), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index - first]
            const group = row.original
            const open = expanded.has(group.key)
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="group-item"
                style={{
                  transform: `translateY(${rowTop(item.start, tableOffset, scale.current)}px)`,
                }}
              >
                <div
                  className={`group-row${group.crashed ? ' group-row-crashed' : ''}`}
                  role="row"
                  tabIndex={0}
                  aria-expanded={open}
                  data-testid="group-row"
                  style={{ gridTemplateColumns: template }}
                  onClick={() => onToggle(group.key)}
                  onKeyDown={(e) => onRowKey(e, item.index, group.key)}
                >
                  <span role="cell" className="group-caret" aria-hidden="true">
                    <ChevronIcon open={open} />
                  </span>
                  {row.getVisibleCells().map((cell) => (
                    <span role="cell" key={cell.id} className={`cell cell-${cell.column.id}`}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </span>
                  ))}
                </div>
                {open ? <StackDetail incident={incident} group={group} /> : null}
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}

function ariaSort(sorted: false | 'asc' | 'desc'): 'ascending' | 'descending' | undefined {
  return sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
}

function StateCell({ group }: { readonly group: Group }) {
  return (
    <span className="states">
      {group.crashed ? <span className="badge badge-crash">crashed</span> : null}
      {/* A crashing thread's own state often reads "crashed" too: the badge says it already. */}
      {group.states
        .filter((s) => !(group.crashed && s.state === 'crashed' && group.states.length === 1))
        .slice(0, 3)
        .map((s) => (
          <span
            className="badge"
            key={s.state}
            title={`${formatCount(s.weight)} of the group's ${formatCount(group.count)}, in ${countOf(s.count, 'record')}`}
          >
            {s.state}
            {group.states.length > 1 ? ` ×${formatCount(s.weight)}` : ''}
          </span>
        ))}
      {group.states.length > 3 ? <span className="badge">+{group.states.length - 3}</span> : null}
    </span>
  )
}

const NO_SNAPSHOTS: ReadonlySet<number> = new Set()

/** Fixed tracks, narrower when the table is (see `.group-table` in app.css). */
const COLUMN_WIDTHS: Record<string, string> = {
  growth: '9.5rem',
  count: 'var(--col-count, 6rem)',
  state: 'var(--col-state, 12rem)',
  wait: 'var(--col-wait, 6rem)',
  bytes: 'var(--col-bytes, 6.5rem)',
  allocations: 'var(--col-allocations, 7rem)',
}

function TopFrameCell({
  incident,
  group,
  parting,
}: {
  readonly incident: Incident
  readonly group: Group
  /** Where this group's stack parts from groups of the same name, or null. */
  readonly parting: Parting | null
}) {
  if (group.stack === NONE) return <span className="muted">{group.label}</span>
  const location = group.labelFrame === NONE ? '' : getFrameLocation(incident, group.labelFrame)
  const via =
    parting === null
      ? ''
      : `${parting.side === 'caller' ? 'via' : 'calls'} ${getFrameFunc(incident, parting.frame)} ${getFrameLocation(incident, parting.frame)}`.trim()
  // The created-by site is in the title and the expanded stack: rows keep their height.
  const title = group.createdBy ? `${group.label}\ncreated by ${group.createdBy}` : group.label
  return (
    <span className="top-frame" title={via ? `${title}\n${via}` : title}>
      <span className="func">{breakable(group.label)}</span>
      {location || via ? (
        <span className="location" data-testid={via ? 'group-parting' : undefined}>
          {breakable([location, via].filter(Boolean).join(' · '))}
        </span>
      ) : null}
    </span>
  )
}

/** The sorted column's order: ascending up, descending down. */
function SortMark({ sorted }: { sorted: false | 'asc' | 'desc' }) {
  return sorted ? <ArrowIcon direction={sorted === 'asc' ? 'up' : 'down'} /> : null
}
