import { test, expect, waitForLoadState, dropBytes } from './helpers'

/**
 * Lines read back from a log that mixes Latin-1 bytes into UTF-8. A Latin-1 byte decodes to
 * one U+FFFD, where the line index counts bytes, so every such line once moved the lines read
 * back after it: the pin said line 2501 and showed line 2575's text.
 */
const lines = Array.from({ length: 3000 }, (_, i) => {
  const t = `2024-05-01T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`
  return `${t} INFO request ${i} served${i % 3 ? '' : ' for caf\xe9 client'}`
})
/** The file: each character one byte, so `é` is the Latin-1 byte E9 and not valid UTF-8. */
const bytes = Buffer.from(lines.join('\n') + '\n', 'latin1')
/** What a reader sees: the bytes decoded as UTF-8, each invalid byte one U+FFFD. */
const shown = new TextDecoder('utf-8').decode(bytes).split('\n')

test('an event late in a log with Latin-1 bytes shows and pins its own line', async ({ page }) => {
  const n = 2574 // 0-based: line 2575, after 858 lines that hold a Latin-1 byte
  expect(shown[n]).toContain('\ufffd')
  expect(shown[n]).not.toBe(lines[n])

  await page.goto('./')
  await dropBytes(page, 'mixed.log', bytes.toString('base64'))
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()
  await page.getByTestId('event-filter').fill(`request ${n} served`)
  await expect(page.getByTestId('event-row')).toHaveCount(1)
  await page.getByTestId('event-row').click()
  await page.getByRole('button', { name: 'Show the lines around it' }).click()
  const marked = page.getByTestId('raw-lines').locator('[aria-current="true"]')
  await expect(marked).toHaveAttribute('data-line', String(n + 1))
  await expect(marked.locator('.raw-line-text')).toHaveText(shown[n])
  // Its lines pinned into the postmortem, copied from the file: the card holds this line.
  await page.getByTestId('event-actions').getByTestId('pin-lines-button').click()
  await expect(page.getByLabel('Supporting evidence (Markdown)')).toHaveValue(/#pin=p1/)
  await page.getByTestId('pm-preview-button').click()
  const card = page.getByTestId('pm-preview').locator('[data-pin="p1"]').first()
  await expect(card).toContainText(`mixed.log: line ${n + 1}`)
  await expect(card).toContainText(shown[n])
})
