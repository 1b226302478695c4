// @vitest-environment happy-dom
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultGroupMode, type GroupMode } from '../../model/group'
import { createPostmortemState } from '../../model/notes/document'
import { resolvePin } from '../../model/notes/pins'
import { selectSnapshot } from '../../model/snapshot-view'
import type { Incident } from '../../model/types'
import { getGroupList } from '../../state/selectors'
import { tenSnapshots } from '../../test/memleak-snapshots'
import { parseFixture, parseText } from '../../test/incident-snapshot'
import { buildReportHtml, getReportGroups } from './report'

const parseDir = join(__dirname, '..', '..', 'parse')

/** `awk PROGRAM FILE`, its output as numbers, one a line. */
function awkNumbers(program: string, text: string): number[] {
  return execFileSync('awk', [program], { input: text, encoding: 'utf8' })
    .trim()
    .split('\n')
    .map(Number)
}

/** The report of `incident` with no writing in it, its groups in `mode`. */
function report(incident: Incident, mode: GroupMode = defaultGroupMode): string {
  const state = createPostmortemState('')
  const groups = getReportGroups(incident, getGroupList(incident, mode), mode)
  return buildReportHtml(state, incident, groups, (pin) => resolvePin(incident, pin.target, []))
}

/** The appendix's table: its header cells and each row's cells, as text. */
function groupsTable(html: string): { head: string[]; rows: string[][] } {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  const table = doc.querySelector('.appendix table')!
  const texts = (cells: Iterable<Element>) => [...cells].map((c) => c.textContent!.trim())
  return {
    head: texts(table.querySelectorAll('th')),
    rows: [...table.querySelectorAll('tbody tr')].map((tr) => texts(tr.querySelectorAll('td'))),
  }
}

const number = (cell: string) => Number(cell.replace(/[^\d]/g, ''))

describe('the report lists the groups the Stacks table lists first', () => {
  it('a leak report: largest bytes first, each leak’s bytes and objects as LeakSanitizer printed them', async () => {
    const path = join(parseDir, 'sanitizer', '__fixtures__', 'lsan-via-asan-leaky_service.txt')
    const text = readFileSync(path, 'utf8')
    const incident = await parseFixture(path)
    const { head, rows } = groupsTable(report(incident))
    expect(head).toEqual(['Count', 'State', 'Bytes', 'Allocations', 'Group'])
    const bytes = rows.map((r) => number(r[2]))
    const leaks = awkNumbers('/leak of [0-9]+ byte/ { print $4 }', text)
    // Every leak is in one listed group: the bytes add up, largest first.
    expect(bytes.reduce((a, b) => a + b, 0)).toBe(leaks.reduce((a, b) => a + b, 0))
    expect(bytes[0]).toBe(Math.max(...leaks))
    expect(bytes).toEqual([...bytes].sort((a, b) => b - a))
    expect(rows[0][2]).toBe(`${Math.max(...leaks)} B`)
    const objects = awkNumbers('/leak of [0-9]+ byte/ { print $7 }', text)
    expect(rows.reduce((n, r) => n + number(r[3]), 0)).toBe(objects.reduce((a, b) => a + b, 0))
  })

  it('a leak report’s chart weighs bytes, and says so', async () => {
    const path = join(parseDir, 'sanitizer', '__fixtures__', 'lsan-via-asan-leaky_service.txt')
    const html = report(await parseFixture(path))
    expect(html).toContain('aria-label="Largest groups by bytes"')
    expect(html).toContain('largest bytes first')
  })

  it('a goroutine dump: counts, states and waits, largest count first, adding up to its goroutines', async () => {
    const path = join(parseDir, 'go', '__fixtures__', 'gostackparse-waitsince-go115.txt')
    const text = readFileSync(path, 'utf8')
    const incident = await parseFixture(path)
    const html = report(incident)
    const { head, rows } = groupsTable(html)
    expect(head).toEqual(['Count', 'State', 'Waiting', 'Group'])
    const counts = rows.map((r) => number(r[0]))
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
    const goroutines = awkNumbers('/^goroutine [0-9]+ \\[/ { n++ } END { print n }', text)[0]
    expect(counts.reduce((a, b) => a + b, 0)).toBe(goroutines)
    // A wait the dump printed is in the table as the Stacks table shows it.
    const waits = awkNumbers(
      '/^goroutine .*minutes\\]/ { match($0, /[0-9]+ minutes/); print substr($0, RSTART, RLENGTH - 8) }',
      text,
    )
    expect(rows.map((r) => r[2]).join(' ')).toContain(`${Math.max(...waits)} min`)
    expect(html).toContain('aria-label="Largest groups by count"')
    expect(html).toContain(
      `All ${rows.length} groups, grouped by same functions and lines, largest count first`,
    )
  })

  it('names the grouping the table is in, and lists its groups', async () => {
    const path = join(parseDir, 'go', '__fixtures__', 'gostackparse-waitsince-go115.txt')
    const incident = await parseFixture(path)
    const mode: GroupMode = { type: 'state' }
    const html = report(incident, mode)
    expect(html).toContain('groups, grouped by state, largest count first')
    const { rows } = groupsTable(html)
    expect(rows.length).toBe(getGroupList(incident, mode).length)
  })

  it('a memleak snapshot: the bytes and allocations of the snapshot shown, not of every snapshot', async () => {
    const text = tenSnapshots()
    const shown = selectSnapshot(await parseText(text, 'memleak.txt'), null)
    const { head, rows } = groupsTable(report(shown))
    expect(head).toEqual(['Count', 'Bytes', 'Allocations', 'Group'])
    // Each block is cumulative: the shown figures are those of the last one.
    const last = (field: number) =>
      awkNumbers(
        `/Top 10 stacks/ { n = 0 } / bytes in / { v[n++] = $${field} } END { for (k = 0; k < n; k++) print v[k] }`,
        text,
      )
    const bytes = last(1)
    const allocations = last(4)
    const byBytes = bytes.map((b, k) => [b, allocations[k]]).sort((x, y) => y[0] - x[0])
    expect(rows.map((r) => [number(r[1]), number(r[2])])).toEqual(byBytes)
  })

  it('a memleak run that traced no sizes shows its 0 bytes and weighs its chart by count', async () => {
    const path = join(parseDir, 'memleak', '__fixtures__', 'seed004-zookeeper-symbolized-o5000.txt')
    const text = readFileSync(path, 'utf8')
    const html = report(await parseFixture(path))
    const { head, rows } = groupsTable(html)
    expect(head).toEqual(['Count', 'Bytes', 'Allocations', 'Group'])
    const [bytes, allocations] = awkNumbers('/ bytes in / { print $1; print $4; exit }', text)
    expect(bytes).toBe(0)
    expect(rows[0].slice(0, 3)).toEqual([
      allocations.toLocaleString('en-US'),
      '0 B',
      allocations.toLocaleString('en-US'),
    ])
    expect(html).toContain('aria-label="Largest groups by count"')
  })
})
