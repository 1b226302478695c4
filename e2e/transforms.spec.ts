import { execFileSync } from 'node:child_process'
import { test, expect, waitForLoadState, dropFile } from './helpers'
import type { Page } from '@playwright/test'

const dump = 'public/examples/go-goroutine-leak-dump.txt'
const WORKER = 'example.com/edgeproxy/internal/idle.(*Park).worker'

/** Groups and goroutines the command line finds with the same transforms. */
function cliCounts(tf: string): { groups: number; count: number } {
  const out = execFileSync('npx', ['tsx', 'src/cli/parse.ts', dump, '--json', '--transform', tf], {
    encoding: 'utf8',
  })
  const json = JSON.parse(out)
  return { groups: json.groups.length, count: json.totals.count }
}

async function shownCounts(page: Page): Promise<{ groups: number; count: number }> {
  const text = (await page.getByTestId('group-count').textContent()) ?? ''
  const m = /^([\d,]+) groups? of ([\d,]+)$/.exec(text)
  expect(m, text).not.toBeNull()
  return { groups: Number(m![1].replace(/,/g, '')), count: Number(m![2].replace(/,/g, '')) }
}

async function expectCrumbs(page: Page, labels: string[]) {
  await expect(page.getByTestId('transform-crumb')).toHaveText(labels.map((l) => `${l}×`))
}

test('two transforms recount the table, survive a reload and travel in the link', async ({
  page,
  browser,
}) => {
  // Four command-line runs (to check the figures against) on a shared machine.
  test.setTimeout(240_000)
  await page.goto('./')
  await dropFile(page, dump)
  await waitForLoadState(page, 'done')
  const parsed = await shownCounts(page)
  expect(parsed).toEqual(cliCounts(''))

  // "Only my code" from the Hide menu.
  await page.getByTestId('hide-menu').locator('summary').click()
  await page.getByRole('button', { name: 'Only my code' }).click()
  await expectCrumbs(page, ['Only my code'])
  const mine = await shownCounts(page)
  expect(mine.count).toBe(parsed.count)
  expect(mine).toEqual(cliCounts('hide:runtime+stdlib+native+kernel+cgo+unknown+library'))

  // Drop, from a frame of a group's stack.
  await page.getByTestId('group-row').filter({ hasText: WORKER }).first().click()
  const frame = page.getByTestId('stack-detail').locator('.frame').filter({ hasText: WORKER })
  await frame.locator('.frame-menu summary').click()
  await frame.getByRole('button', { name: 'Drop' }).click()
  await expectCrumbs(page, ['Only my code', `Drop stacks through ${WORKER}`])
  await expect(page.getByTestId('transform-note')).toContainText('records left')
  await expect(page).toHaveURL(/[#&]tf=/)
  const tf = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('tf')!
  const both = await shownCounts(page)
  expect(both).toEqual(cliCounts(tf))
  expect(both.count).toBeLessThan(parsed.count)

  // The same view after a reload.
  await page.reload()
  await dropFile(page, dump)
  await waitForLoadState(page, 'done')
  await expectCrumbs(page, ['Only my code', `Drop stacks through ${WORKER}`])
  expect(await shownCounts(page)).toEqual(both)

  // And for someone else who opens the link in a fresh browser.
  const link = page.url()
  const other = await browser.newContext()
  const reader = await other.newPage()
  await reader.goto(link)
  await dropFile(reader, dump)
  await waitForLoadState(reader, 'done')
  await expectCrumbs(reader, ['Only my code', `Drop stacks through ${WORKER}`])
  expect(await shownCounts(reader)).toEqual(both)
  await reader.getByRole('tab', { name: 'Flame' }).click()
  await expectCrumbs(reader, ['Only my code', `Drop stacks through ${WORKER}`])
  await other.close()

  // Each transform is undone on its own.
  await page.getByRole('button', { name: 'Remove “Only my code”' }).click()
  await expectCrumbs(page, [`Drop stacks through ${WORKER}`])
  expect(await shownCounts(page)).toEqual(cliCounts(`drop:${WORKER}`))
  await expect(page).toHaveURL(/tf=drop/)

  // Saved with the postmortem: the same input opened without a link brings the stack back.
  await expect(page.getByTestId('postmortem-pane')).toHaveAttribute('data-dirty', 'false')
  await page.goto('./')
  await page.reload()
  await dropFile(page, dump)
  await waitForLoadState(page, 'done')
  await expectCrumbs(page, [`Drop stacks through ${WORKER}`])
  await expect(page).toHaveURL(/tf=drop/)
})
