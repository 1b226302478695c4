import type { Locator, Page } from '@playwright/test'
import { dropFile, expect, test, waitForLoadState } from './helpers'

// A pinned event is presented with the range the timeline showed when it was pinned (the
// brushed range), not a fixed window around its instant; the range survives a reload.

const log = 'public/examples/api-service-with-restart.log'

async function drag(page: Page, traveller: Locator, dx: number) {
  const box = (await traveller.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2, { steps: 10 })
  await page.mouse.up()
}

/** The range in the address (`t=start..end`, milliseconds), which follows the brushed range. */
function rangeInUrl(page: Page): string | null {
  return new URLSearchParams(new URL(page.url()).hash.slice(1)).get('t')
}

test('a pinned event is presented with the range brushed when it was pinned, after a reload', async ({
  page,
}) => {
  await page.goto('./')
  await dropFile(page, log)
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()
  // A marker at the end of the log, which the brushed range leaves out.
  await page
    .getByTestId('timeline')
    .locator('.toolbar')
    .getByRole('button', { name: 'Add marker' })
    .click()
  await page.getByTestId('marker-form').getByLabel('Marker label').fill('rollback done')
  await page.getByTestId('marker-form').getByRole('button', { name: 'Add marker' }).click()
  const histogram = page.getByTestId('event-histogram')
  await expect(histogram.getByTestId('marker-label')).toContainText('rollback done')

  const travellers = histogram.locator('.recharts-brush-traveller')
  await drag(page, travellers.first(), 200)
  await drag(page, travellers.last(), -250)
  await expect(page.getByTestId('time-filter')).toBeVisible()
  await expect.poll(() => rangeInUrl(page)).toMatch(/^\d+\.\.\d+$/)
  const brushed = rangeInUrl(page)!
  const caption = (await histogram.locator('figcaption').innerText()).split(' · selected ')[1]
  expect(caption).toMatch(/–/)
  await expect(histogram.getByTestId('marker-label')).toHaveCount(0)

  await page.getByTestId('event-row').nth(3).click()
  await page.getByTestId('event-actions').getByTestId('pin-button').click()
  await expect(page.getByTestId('postmortem-pane')).toHaveAttribute('data-dirty', 'false')
  // Looking at the whole log again before leaving: the pin keeps the range it was made in.
  await page.getByTestId('time-filter').getByRole('button').click()
  await expect(page.getByTestId('time-filter')).toHaveCount(0)

  await page.reload()
  await dropFile(page, log)
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Stacks' }).click()
  await page.keyboard.press('Shift+P')
  await expect(page.getByTestId('present-progress')).toHaveText('1 / 1')
  await expect(page.getByTestId('timeline')).toBeVisible()
  await expect.poll(() => rangeInUrl(page)).toBe(brushed)
  await expect(histogram.locator('figcaption')).toContainText(` · selected ${caption}`)
  // The marker outside the range is not drawn, so no label piles up at the chart's edge.
  await expect(histogram.getByTestId('marker-label')).toHaveCount(0)
})
