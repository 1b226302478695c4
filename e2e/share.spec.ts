import { statSync } from 'node:fs'
import { formatBytes } from '../src/views/format'
import { test as base, type Page } from '@playwright/test'
import { test, expect, waitForLoadState, dropFile } from './helpers'

const cgoCrash = 'public/examples/go-cgo-sigsegv.txt'

/** Opens the crash, writes a title and a summary with secrets, pins the crashed group with a note. */
async function writePostmortem(page: Page) {
  await page.goto('./')
  await dropFile(page, cgoCrash)
  await waitForLoadState(page, 'done')
  await page.getByTestId('pm-title').fill('cgo crash in the record lookup')
  await page
    .getByLabel('Summary (Markdown)')
    .fill('Paged ops@example.com. Token ghp_abcdefghijklmnopqrstuvwxyz0123456789 leaked. See ')
  await page.locator('.group-row-crashed').click()
  await page.getByTestId('stack-detail').getByTestId('pin-button').click()
  await page.getByTestId('stack-detail').getByTestId('note-button').click()
  await page.getByLabel('New note on this group').fill('NULL record from C; ask 10.1.2.3 owners')
  await page.getByRole('button', { name: 'Save note' }).click()
  await expect(page.getByTestId('postmortem-pane')).toHaveAttribute('data-dirty', 'false')
}

async function shareLink(page: Page): Promise<string> {
  if (!(await page.getByTestId('share-dialog').isVisible()))
    await page.getByTestId('share-button').click()
  const dialog = page.getByTestId('share-dialog')
  await expect(dialog).toBeVisible()
  const field = dialog.getByTestId('share-link')
  await expect(field).toHaveValue(/#share=1\./)
  await expect(dialog.locator('[aria-busy="true"]')).toHaveCount(0)
  return field.inputValue()
}

test('a share link opens in a fresh browser with the same document and evidence, redacted', async ({
  page,
  browser,
}) => {
  await writePostmortem(page)
  const link = await shareLink(page)
  const dialog = page.getByTestId('share-dialog')
  // The preview shows each secret highlighted, with a count per pattern.
  await expect(dialog.getByTestId('redaction-count-email')).toHaveText('1')
  await expect(dialog.getByTestId('redaction-count-github')).toHaveText('1')
  await expect(dialog.getByTestId('redaction-count-ipv4')).toHaveText('1')
  await expect(
    dialog.getByTestId('redaction-preview').locator('mark', { hasText: 'ops@example.com' }),
  ).toBeVisible()
  await expect(dialog.getByTestId('share-length')).toContainText('characters')
  expect(link).not.toContain('example.com')

  // A user pattern is counted too, and a broken one is reported, not thrown.
  await dialog.getByRole('button', { name: 'Add your own pattern' }).click()
  await dialog.getByLabel('Your pattern 1 (a regular expression)').fill('(')
  await expect(dialog.getByRole('alert')).toContainText(/Invalid|Unterminated|missing/i)
  await dialog.getByLabel('Your pattern 1 (a regular expression)').fill('crashInC')
  await expect(dialog.getByText(/What will be redacted/)).toBeVisible()
  await dialog.getByRole('button', { name: 'Remove' }).click()

  const other = await browser.newContext()
  const receiver = await other.newPage()
  await receiver.goto(link)
  await waitForLoadState(receiver, 'done')
  await expect(receiver.getByTestId('pm-title')).toHaveValue('cgo crash in the record lookup')
  await expect(receiver.getByLabel('Summary (Markdown)')).toHaveValue(
    /Paged \[email-1\]\. Token \[github-1\] leaked\. See \[E1: .+\]\(#pin=p1\)/,
  )
  await expect(receiver.getByTestId('pm-notes')).toContainText('ask [ipv4-1] owners')
  // The evidence is there: the pinned group resolves against the input that came in the link.
  await receiver.getByTestId('pm-preview-button').click()
  const card = receiver.getByTestId('pm-preview').locator('[data-pin="p1"]').first()
  await expect(card).toContainText('crashed')
  // The share fragment is consumed: a reload does not import it again.
  expect(receiver.url()).not.toContain('share=')
  await other.close()
})

test('a link without the input asks for the file and refuses a different one', async ({
  page,
  browser,
}) => {
  await writePostmortem(page)
  await page.getByTestId('share-button').click()
  await page.getByTestId('share-include-inputs').uncheck()
  const link = await shareLink(page)

  const other = await browser.newContext()
  const receiver = await other.newPage()
  await receiver.goto(link)
  const waiting = receiver.getByTestId('shared-waiting')
  await expect(waiting).toContainText('go-cgo-sigsegv.txt')
  await expect(waiting.getByTestId('pm-preview')).toContainText('cgo crash in the record lookup')

  await waiting.getByTestId('shared-file-input').setInputFiles('public/examples/PROVENANCE.tsv')
  await expect(receiver.getByTestId('link-error')).toContainText(
    `PROVENANCE.tsv (${formatBytes(statSync('public/examples/PROVENANCE.tsv').size)}, fingerprint`,
  )
  await expect(receiver.getByTestId('link-error')).toContainText('is not the file')

  await waiting.getByTestId('shared-file-input').setInputFiles(cgoCrash)
  await waitForLoadState(receiver, 'done')
  await expect(receiver.getByTestId('pm-title')).toHaveValue('cgo crash in the record lookup')
  await expect(receiver.getByTestId('pm-notes')).toContainText('NULL record from C')
  await other.close()
})

const damaged: [string, (v: string) => string, RegExp][] = [
  ['truncated', (v) => v.slice(0, Math.floor(v.length / 2)), /truncated or damaged/],
  ['tampered', (v) => v.replace(/share=1\./, 'share=1.%3Cscript%3E'), /cannot have/],
  ['from the future', (v) => v.replace('share=1.', 'share=7.'), /newer version/],
]
for (const [name, damage, message] of damaged)
  test(`a ${name} link fails loudly`, async ({ page }) => {
    await page.goto('./')
    await dropFile(page, cgoCrash)
    await waitForLoadState(page, 'done')
    const link = await shareLink(page)
    await page.goto('about:blank')
    await page.goto(damage(link))
    await expect(page.getByTestId('link-error')).toContainText(message)
    await expect(page.getByTestId('dropzone')).toBeVisible()
  })

test('#url= asks before fetching, then loads the input', async ({ page, baseURL }) => {
  const requests: string[] = []
  page.on('request', (r) => {
    if (r.url().includes('go-cgo-sigsegv')) requests.push(r.url())
  })
  await page.goto(`./#url=${baseURL}examples/go-cgo-sigsegv.txt`)
  const confirm = page.getByTestId('url-confirm')
  await expect(confirm).toContainText('127.0.0.1')
  expect(requests).toEqual([])
  await confirm.getByRole('button', { name: 'Load it' }).click()
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('crash-summary')).toContainText('SIGSEGV')
  expect(requests).toHaveLength(1)
})

// The browser logs the 404 itself as a console error: this test alone allows it.
base('#url= with a server that refuses says so', async ({ page, baseURL }) => {
  // The preview server answers every path with the app; a real host answers 404.
  await page.route('**/missing-file.txt', (route) => route.fulfill({ status: 404, body: 'no' }))
  await page.goto(`./#url=${baseURL}examples/missing-file.txt`)
  await page.getByTestId('url-confirm').getByRole('button', { name: 'Load it' }).click()
  await expect(page.getByTestId('link-error')).toContainText('answered 404')
})
