import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { test, expect, waitForLoadState, chooseFiles } from './helpers'

// Two dumps of the same service an hour apart: what grew between them?
const EARLY = 'src/parse/go/__fixtures__/local-go119-gen-dump-n300-wait61s.txt'
const LATE = 'src/parse/go/__fixtures__/local-go119-gen-dump-n2000-churn.txt'
const LOOKUP = 'example.com/edgeproxy/internal/dns.(*Resolver).lookupIPDeadline'

/** Goroutine blocks of a dump, and those whose stack calls `func`, counted in the text. */
function goroutines(path: string, func?: string): number {
  return readFileSync(path, 'utf8')
    .split(/\n\s*\n/)
    .filter((b) => /^goroutine \d+ \[/m.test(b))
    .filter((b) => !func || b.split('\n').some((l) => l.startsWith(`${func}(`))).length
}

async function openBoth(page: Page, hash = '') {
  await page.goto(`./${hash}`)
  await chooseFiles(page, [EARLY, LATE])
  await waitForLoadState(page, 'done')
}

/** The comparison's Before and After columns, added up, and its rows' changes in order. */
async function comparison(page: Page) {
  const rows = page.getByTestId('comparison-row')
  await expect(rows.first()).toBeVisible()
  const cells = await rows.evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  )
  const num = (s: string) => Number(s.replace(/[,+±]/g, '').replace('−', '-'))
  return {
    before: cells.reduce((n, c) => n + num(c[1]), 0),
    after: cells.reduce((n, c) => n + num(c[2]), 0),
    changes: cells.map((c) => num(c[3])),
    first: cells[0][0],
  }
}

test('two dumps of one service chart their goroutines on the timeline, one line', async ({
  page,
}) => {
  await openBoth(page)
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const chart = page.getByTestId('snapshot-growth')
  // A dump has goroutines, not outstanding memory: the chart says what it draws.
  await expect(chart.getByTestId('chart-title')).toHaveText('Goroutines per dump')
  await expect(chart.locator('.recharts-legend-item')).toHaveText(['goroutines'])
  // One point per dump, joined: the two files are one service's dumps.
  const dots = chart.locator('.recharts-line-dot')
  await expect(dots).toHaveCount(2)
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(1)
  expect(goroutines(LATE)).toBeGreaterThan(goroutines(EARLY))

  // The dashed mark stands on the dump the other views count: the last, by default.
  const mark = chart.locator('.recharts-reference-line line')
  const centre = async (l: Locator) => {
    const box = (await l.boundingBox())!
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
  }
  await expect(mark).toHaveCount(1)
  expect(Math.abs((await centre(mark)).x - (await centre(dots.nth(1))).x)).toBeLessThan(2)
  await expect(page.getByTestId('snapshot-position')).toContainText('2 of 2')

  // A click on the first dump's point shows that dump: the picker and the mark follow it.
  await chart.scrollIntoViewIfNeeded()
  const first = await centre(dots.nth(0))
  await page.mouse.move(first.x, first.y)
  await page.mouse.click(first.x, first.y)
  await expect(page.getByTestId('snapshot-position')).toContainText('1 of 2')
  await expect
    .poll(async () => Math.abs((await centre(mark)).x - (await centre(dots.nth(0))).x))
    .toBeLessThan(2)
  await page.getByRole('tab', { name: 'Stacks' }).click()
  await expect(page.getByText(`of ${goroutines(EARLY).toLocaleString('en-US')}`)).toBeVisible()
})

test('two dumps compared group by group, largest growth first, through a transform', async ({
  page,
  browser,
}) => {
  await openBoth(page)
  const compare = page.getByTestId('group-comparison')
  await compare.locator('summary').click()
  await expect(compare.locator('summary')).toHaveText('Compare two snapshots group by group')
  // The two dumps of the one service, the first against the one shown (the last).
  const picked = (side: string) => page.getByTestId(`compare-${side}`).locator('option:checked')
  await expect(picked('before')).toHaveText(`${basename(EARLY)} · dump 1`)
  await expect(picked('after')).toHaveText(`${basename(LATE)} · dump 1`)
  const all = await comparison(page)
  expect(all.before).toBe(goroutines(EARLY))
  expect(all.after).toBe(goroutines(LATE))
  // Sorted by growth, and the leak through the lookup grew most.
  expect(all.changes).toEqual([...all.changes].sort((a, b) => b - a))
  expect(all.changes[0]).toBeGreaterThan(0)

  // A link with a transform, opened elsewhere: only the goroutines through the lookup compare.
  const other = await browser.newContext()
  const reader = await other.newPage()
  await openBoth(reader, `#tf=${encodeURIComponent(`through:${LOOKUP}`)}`)
  await expect(reader.getByTestId('transform-crumb')).toHaveText([`Only stacks through ${LOOKUP}×`])
  await reader.getByTestId('group-comparison').locator('summary').click()
  const through = await comparison(reader)
  expect(through.before).toBe(goroutines(EARLY, LOOKUP))
  expect(through.after).toBe(goroutines(LATE, LOOKUP))
  expect(through.after).toBeLessThan(all.after)
  await other.close()
})

test('the postmortem is first titled after the crash the page shows: the last dump’s', async ({
  page,
}) => {
  const panicOf = (path: string) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('panic: '))!
      .slice('panic: '.length)
  expect(panicOf(EARLY)).not.toBe(panicOf(LATE))
  await openBoth(page)
  await expect(page.getByTestId('crash-summary')).toContainText(panicOf(LATE))
  await expect(page.getByTestId('pm-title')).toHaveValue(panicOf(LATE))
})

test('a group pinned in the first dump keeps that dump’s figures when the last is shown, and opens there', async ({
  page,
}) => {
  // The lookups' waiters, counted in each dump's text.
  const waiters = (path: string) =>
    readFileSync(path, 'utf8')
      .split(/\n\s*\n/)
      .filter((b) => /^goroutine \d+ \[semacquire/.test(b))
      .filter((b) => b.includes('\nexample.com/edgeproxy/internal/dns.(*singleflightGroup).Do('))
      .length
  const early = waiters(EARLY)
  const late = waiters(LATE)
  expect(early).not.toBe(late)
  await openBoth(page)
  const picker = page.getByRole('combobox', { name: 'Snapshot shown' })
  await picker.selectOption({ index: 0 })
  await expect(page.getByTestId('snapshot-position')).toContainText('1 of 2')
  const top = page.getByTestId('group-row').first()
  await expect(top.locator('.cell-count')).toHaveText(early.toLocaleString('en-US'))
  await top.click()
  await page.getByTestId('stack-detail').getByTestId('pin-button').click()

  // The last dump shown: the table counts its waiters, the card still the first dump's.
  await picker.selectOption({ index: 1 })
  await expect(top.locator('.cell-count')).toHaveText(late.toLocaleString('en-US'))
  await page.getByRole('button', { name: 'Preview', exact: true }).click()
  const card = page.locator('.pin-card').first()
  await expect(card.locator('.pin-card-heading')).toContainText(
    `${early.toLocaleString('en-US')} goroutines`,
  )
  await expect(card.locator('.pin-card-meta')).toContainText(`snapshot 1 of 2 (${basename(EARLY)}`)

  // Opening the card shows the dump it was pinned in.
  await card.click()
  await expect(page.getByTestId('snapshot-position')).toContainText('1 of 2')
  await expect(top.locator('.cell-count')).toHaveText(early.toLocaleString('en-US'))

  // The figures survive a reload, with the last dump shown.
  await page.reload()
  await chooseFiles(page, [EARLY, LATE])
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('snapshot-position')).toContainText('2 of 2')
  await page.getByRole('button', { name: 'Preview', exact: true }).click()
  await expect(page.locator('.pin-card-heading').first()).toContainText(
    `${early.toLocaleString('en-US')} goroutines`,
  )
})
