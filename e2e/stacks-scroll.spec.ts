import { writeFileSync } from 'node:fs'
import { test, expect, waitForLoadState, chooseFiles, temporaryDirectory } from './helpers'

/**
 * A table taller than the browser lays out still scrolls to its last row. Chromium stops
 * laying out an element near 2^25 px (33.5 million): at 48 px a row, 750,000 groups make a
 * 36-million-pixel table, whose last 50,000 rows lay below the end of the scroll space.
 * Folded lines `main;work;fN N+1` are distinct stacks with distinct counts, so the count
 * order is known: the last row is `f0`, counted once.
 */
const GROUPS = 750_000

const inputs = temporaryDirectory('debrief-scroll-')
const path = () => inputs.path('many-stacks.folded')

test.beforeAll(() => {
  const lines: string[] = []
  for (let i = 0; i < GROUPS; i++) lines.push(`main;work;f${i} ${i + 1}\n`)
  writeFileSync(path(), lines.join(''))
})

test('the last of 750,000 groups can be scrolled to', async ({ page }) => {
  test.setTimeout(3 * 60_000)
  await page.goto('./')
  await chooseFiles(page, path())
  await waitForLoadState(page, 'done', 2 * 60_000)
  const total = (GROUPS * (GROUPS + 1)) / 2
  await expect(page.getByTestId('group-count')).toHaveText(
    `${GROUPS.toLocaleString('en-US')} groups of ${total.toLocaleString('en-US')}`,
  )
  const rows = page.getByTestId('group-row')
  await expect(rows.first().locator('.cell-count')).toHaveText(GROUPS.toLocaleString('en-US'))
  await expect(rows.first()).toContainText(`f${GROUPS - 1}`)

  // To the end of the scroll space, as dragging the scroll bar down does.
  const body = page.locator('.group-body')
  await body.evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
  const last = page.locator(`[data-index="${GROUPS - 1}"] [data-testid="group-row"]`)
  await expect(last).toBeInViewport()
  await expect(last.locator('.cell-count')).toHaveText('1')
  await expect(last.locator('.func')).toHaveText('f0')

  // Back at the top, the first row is where it was.
  await body.evaluate((el) => el.scrollTo({ top: 0 }))
  const first = page.locator('[data-index="0"] [data-testid="group-row"]')
  await expect(first).toBeInViewport()
  await expect(first.locator('.func')).toHaveText(`f${GROUPS - 1}`)
})
