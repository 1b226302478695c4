import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect, waitForLoadState, chooseFiles } from './helpers'

// An lnav test log whose BSD syslog dates run from `Dec  3 09:23:38` to `Jan  3 09:47:02`
// with no year (src/parse/log/__fixtures__/PROVENANCE.tsv). Copied with a known mtime: the
// file chooser hands the page a File whose lastModified is that mtime.
const fixture = 'src/parse/log/__fixtures__/lnav-syslog.1.txt'
let dir = ''
let file = ''

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'debrief-syslog-'))
  file = join(dir, 'messages')
  copyFileSync(fixture, file)
  const modified = new Date(Date.UTC(2022, 0, 4, 12, 0, 0))
  utimesSync(file, modified, modified)
})
test.afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function openTimeline(page: Page) {
  await chooseFiles(page, [file])
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()
}

test('a syslog without years is dated by its mtime; a year set in Sources survives a reload', async ({
  page,
}) => {
  const dated = readFileSync(file, 'utf8').match(/^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d /gm) ?? []
  await page.goto('./')
  await openTimeline(page)
  await expect(
    page.getByText(/year assumed: 2021, and 2022 after the turn of the year/),
  ).toBeVisible()
  const times = page.getByTestId('event-list').locator('.event-time')
  await expect(times).toHaveCount(dated.length)
  await expect(times.first()).toContainText('2021-12-03 09:23:38')
  await expect(times.last()).toContainText('2022-01-03 09:47:02')

  const year = page.getByTestId('sources-panel').getByLabel('Year of the dates of messages')
  await expect(year).toHaveValue('2021')
  await year.fill('2018')
  await expect(times.first()).toContainText('2018-12-03 09:23:38')
  await expect(times.last()).toContainText('2019-01-03 09:47:02')

  await page.waitForTimeout(1200) // autosave is debounced (within a second)
  await page.reload()
  await openTimeline(page)
  await expect(
    page.getByTestId('sources-panel').getByLabel('Year of the dates of messages'),
  ).toHaveValue('2018')
  await expect(times.first()).toContainText('2018-12-03 09:23:38')
})
