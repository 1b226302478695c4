import { writeFileSync } from 'node:fs'
import { test, expect, waitForLoadState, chooseFiles, temporaryDirectory } from './helpers'

/**
 * An event list taller than the browser lays out still scrolls to its last event. At 28 px a
 * row, 1,300,000 events make a 36.4-million-pixel list, past the 33.5 million where Chromium
 * stops laying out (five million log lines stopped at their 1,198,385th). Line i is dated i
 * seconds after midnight, so the last row is known.
 */
const LINES = 1_300_000

const inputs = temporaryDirectory('debrief-events-')
const path = () => inputs.path('service.log')

const time = (i: number) => new Date(Date.UTC(2026, 2, 14) + i * 1000).toISOString()

test.beforeAll(() => {
  const lines: string[] = []
  for (let i = 0; i < LINES; i++) lines.push(`${time(i)} INFO request ${i} served\n`)
  writeFileSync(path(), lines.join(''))
})

test('the last of 1,300,000 events can be scrolled to', async ({ page }) => {
  test.setTimeout(3 * 60_000)
  await page.goto('./')
  await chooseFiles(page, path())
  await waitForLoadState(page, 'done', 2 * 60_000)
  const list = page.getByTestId('event-list')
  await expect(list.getByTestId('event-count')).toHaveText(
    `${LINES.toLocaleString('en-US')} events`,
  )
  // To the end of the scroll space, as dragging the scroll bar down does.
  const scroller = list.locator('.event-list')
  // The list stands below the charts: bring it up, then scroll inside it.
  await scroller.scrollIntoViewIfNeeded()
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
  const last = list.getByTestId('event-row').filter({ hasText: `:${LINES}` })
  await expect(last).toBeInViewport()
  await expect(last.locator('.event-source')).toHaveText(`:${LINES}`)
  await expect(last).toContainText(time(LINES - 1).slice(11, 19))

  // Back at the top, the first line is where it was.
  await scroller.evaluate((el) => el.scrollTo({ top: 0 }))
  const first = list.getByTestId('event-row').first()
  await expect(first).toBeInViewport()
  await expect(first.locator('.event-source')).toHaveText(':1')
  await expect(first).toContainText(time(0).slice(11, 19))
})
