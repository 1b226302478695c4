import type { Page } from '@playwright/test'
import { test, expect, waitForLoadState, chooseFiles } from './helpers'

// Two lnav test logs of the same evening: app 2 logs at 21:08:10 and 21:08:58, app 1 at
// 21:09:29 and 21:09:39 (src/parse/log/__fixtures__/PROVENANCE.tsv).
const one = 'src/parse/log/__fixtures__/lnav-generic.1.txt'
const two = 'src/parse/log/__fixtures__/lnav-generic.2.txt'

async function openBoth(page: Page) {
  await chooseFiles(page, [one, two])
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()
}

function sourcesInOrder(page: Page) {
  return page.getByTestId('event-list').locator('.event-source')
}

test('two logs on one axis; an offset on one reorders the events and survives a reload', async ({
  page,
}) => {
  await page.goto('./')
  await openBoth(page)

  const panel = page.getByTestId('sources-panel')
  await expect(panel.getByTestId('source-row')).toHaveCount(2)
  await expect(sourcesInOrder(page)).toHaveText([
    'lnav-generic.2.txt:1',
    'lnav-generic.2.txt:2',
    'lnav-generic.1.txt:1',
    'lnav-generic.1.txt:2',
  ])
  // Each input has its own colour, on its rows too.
  const [colorOne, colorTwo] = await Promise.all(
    [0, 1].map((i) =>
      panel
        .locator('.source-swatch')
        .nth(i)
        .evaluate((e) => getComputedStyle(e).backgroundColor),
    ),
  )
  expect(colorOne).not.toBe(colorTwo)

  // app 2's clock ran a minute behind.
  const offset = panel.getByLabel('Clock offset of lnav-generic.2.txt')
  await offset.fill('nonsense')
  await expect(offset).toHaveAttribute('aria-invalid', 'true')
  await expect(panel.getByRole('alert')).toContainText('is not an offset')
  await offset.fill('+1m')
  await offset.press('Tab')
  await expect(sourcesInOrder(page)).toHaveText([
    'lnav-generic.2.txt:1',
    'lnav-generic.1.txt:1',
    'lnav-generic.1.txt:2',
    'lnav-generic.2.txt:2',
  ])
  const firstTime = page.getByTestId('event-list').locator('.event-time').first()
  await expect(firstTime).toContainText('2015-04-24 21:09:10')

  // Reload, open the same files: the offset is back and applied.
  await page.waitForTimeout(1200) // autosave is debounced (within a second)
  await page.reload()
  await openBoth(page)
  await expect(
    page.getByTestId('sources-panel').getByLabel('Clock offset of lnav-generic.2.txt'),
  ).toHaveValue('+1m')
  await expect(sourcesInOrder(page)).toHaveText([
    'lnav-generic.2.txt:1',
    'lnav-generic.1.txt:1',
    'lnav-generic.1.txt:2',
    'lnav-generic.2.txt:2',
  ])
  await expect(page.getByTestId('event-list').locator('.event-time').first()).toContainText(
    '2015-04-24 21:09:10',
  )
})

test('since-boot kernel times move onto the wall clock from a suggested boot time', async ({
  page,
}) => {
  await page.goto('./')
  // dmesg without dates, and a syslog whose kernel line prints both clocks.
  await chooseFiles(page, [
    'src/parse/kernel/__fixtures__/dmesg-raw.txt',
    'src/parse/kernel/__fixtures__/issue-coturn-kern-log-classic-syslog.txt',
  ])
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const list = page.getByTestId('event-list')
  // Before: only the syslog's segfault has a date on the wall-clock axis.
  await expect(list.locator('figcaption')).toHaveText('1 event')
  const suggestion = page.getByRole('button', { name: /Use boot time .* from issue-coturn/ })
  await expect(suggestion).toBeVisible()
  await suggestion.click()
  await expect(page.getByLabel('Boot time of dmesg-raw.txt (UTC)')).not.toHaveValue('')
  // After: the eight dmesg segfaults join it.
  await expect(list.locator('figcaption')).toHaveText('9 events')
})
