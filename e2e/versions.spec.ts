import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { test, expect, waitForLoadState, dropFile, dropBytes } from './helpers'

const cgoCrash = 'public/examples/go-cgo-sigsegv.txt'

async function openCrash(page: Page) {
  await page.goto('./')
  await dropFile(page, cgoCrash)
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('pm-title')).toBeVisible()
}

async function saved(page: Page) {
  await expect(page.getByTestId('postmortem-pane')).toHaveAttribute('data-dirty', 'false')
  await expect(page.locator('.pm-save')).toHaveAttribute('data-save', 'saved')
}

async function exportBundle(page: Page, button: string): Promise<Buffer> {
  await page.locator('.pm-export summary').click()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ])
  return readFileSync((await download.path())!)
}

test('an older bundle of the same incident asks before it replaces newer work', async ({
  page,
}) => {
  await openCrash(page)
  const summary = page.getByLabel('Summary (Markdown)')
  await summary.fill('v1: first guess')
  await saved(page)
  const bare = await exportBundle(page, 'Bundle (.debrief)')
  const full = await exportBundle(page, 'Bundle with the inputs')
  await summary.fill('v2: the real cause')
  await saved(page)

  // A bundle without inputs, dropped on the open incident: nothing is replaced, the team is asked.
  await dropBytes(page, 'old.debrief', bare.toString('base64'))
  const offer = page.getByTestId('pm-import-offer')
  await expect(offer).toContainText('older than the one saved here')
  await expect(summary).toHaveValue('v2: the real cause')
  await offer.getByRole('button', { name: 'Open theirs read-only beside mine' }).click()
  await expect(page.getByTestId('pm-beside')).toContainText('v1: first guess')
  await expect(summary).toHaveValue('v2: the real cause')
  await page.getByTestId('pm-beside').getByRole('button', { name: 'Close' }).click()

  // The same bundle with its inputs, then a reload: still v2.
  await dropBytes(page, 'old-with-inputs.debrief', full.toString('base64'))
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('pm-import-offer')).toBeVisible()
  await expect(summary).toHaveValue('v2: the real cause')
  await page.getByTestId('pm-import-offer').getByRole('button', { name: 'Keep mine' }).click()
  await page.reload()
  await dropFile(page, cgoCrash)
  await waitForLoadState(page, 'done')
  await expect(page.getByLabel('Summary (Markdown)')).toHaveValue('v2: the real cause')

  // Taking theirs keeps v2 recoverable in History.
  await dropBytes(page, 'old.debrief', bare.toString('base64'))
  await page.getByTestId('pm-import-offer').getByRole('button', { name: 'Take theirs' }).click()
  await expect(page.getByLabel('Summary (Markdown)')).toHaveValue('v1: first guess')
  await saved(page)
  await page.getByTestId('pm-history').locator('summary').click()
  const entry = page.getByTestId('pm-history-entry').first()
  await entry.getByRole('button', { name: 'View' }).click()
  await expect(page.getByTestId('pm-beside')).toContainText('v2: the real cause')
  await entry.getByRole('button', { name: 'Restore' }).click()
  await expect(page.getByLabel('Summary (Markdown)')).toHaveValue('v2: the real cause')
})

test('two tabs editing different sections keep both; the same section tells the other tab', async ({
  page,
  context,
}) => {
  await openCrash(page)
  await saved(page)
  const other = await context.newPage()
  await openCrash(other)
  await saved(other)

  // Typed in both tabs before either saves.
  await page.getByLabel('Summary (Markdown)').fill('summary from tab A')
  await other.getByLabel('Impact (Markdown)').fill('impact from tab B')
  for (const p of [page, other]) {
    await expect(p.getByLabel('Summary (Markdown)')).toHaveValue('summary from tab A')
    await expect(p.getByLabel('Impact (Markdown)')).toHaveValue('impact from tab B')
    await saved(p)
  }

  // Both change the same section: one of them is asked, keeps its own, the other is told.
  await page.getByLabel('Summary (Markdown)').fill('A says the resolver')
  await other.getByLabel('Summary (Markdown)').fill('B says the kernel')
  await other.getByLabel('Impact (Markdown)').fill('impact revised by B')
  await expect
    .poll(
      async () =>
        (await page.getByTestId('pm-conflict').count()) +
        (await other.getByTestId('pm-conflict').count()),
    )
    .toBe(1)
  const [asked, told] = (await page.getByTestId('pm-conflict').count())
    ? [page, other]
    : [other, page]
  await expect(asked.getByTestId('pm-conflict')).toContainText('section “Summary”')
  const mine = await asked.getByLabel('Summary (Markdown)').inputValue()
  await asked.getByRole('button', { name: 'Keep mine' }).click()
  await saved(asked)
  await expect(told.getByTestId('pm-notice')).toContainText(
    'kept its own version of section “Summary”',
  )
  await expect(told.getByLabel('Summary (Markdown)')).toHaveValue(mine)
  // B's edit of another section survived "Keep mine" in both tabs.
  for (const p of [page, other])
    await expect(p.getByLabel('Impact (Markdown)')).toHaveValue('impact revised by B')
})

test('an edit typed just before the tab closes or reloads is kept', async ({ page, context }) => {
  await openCrash(page)
  await saved(page)
  await page.getByLabel('Summary (Markdown)').fill('typed, then closed at once')
  await page.close({ runBeforeUnload: true })

  const next = await context.newPage()
  await openCrash(next)
  await expect(next.getByLabel('Summary (Markdown)')).toHaveValue('typed, then closed at once')
  await saved(next)

  await next.getByLabel('Impact (Markdown)').fill('typed, then reloaded at once')
  await next.reload()
  await dropFile(next, cgoCrash)
  await waitForLoadState(next, 'done')
  await expect(next.getByLabel('Impact (Markdown)')).toHaveValue('typed, then reloaded at once')
  await expect(next.getByLabel('Summary (Markdown)')).toHaveValue('typed, then closed at once')
})
