import { readFileSync } from 'node:fs'
import { test, expect, waitForLoadState, dropFile } from './helpers'

const cgoCrash = 'public/examples/go-cgo-sigsegv.txt'

test('the crash banner is pinned with its facts, and its source link shows the input lines around it', async ({
  page,
}) => {
  const lines = readFileSync(cgoCrash, 'utf8').split('\n')
  const signalLine = lines.find((l) => l.startsWith('[signal '))!
  const [, signal, code, addr, pc] = /^\[signal (\w+): .* code=(\S+) addr=(\S+) pc=(\S+)\]$/.exec(
    signalLine,
  )!
  const goroutine = /^goroutine (\d+) \[/.exec(lines.find((l) => l.startsWith('goroutine '))!)![1]

  await page.goto('./')
  await dropFile(page, cgoCrash)
  await waitForLoadState(page, 'done')
  const banner = page.getByTestId('crash-summary')
  // The banner is one line until opened.
  await page.getByTestId('crash-toggle').click()

  // The source link opens the input's own lines around the crash, like grep -C 10.
  const link = banner.getByTestId('crash-source-link')
  const at = Number((await link.innerText()).split(':').pop())
  await link.click()
  const raw = page.getByTestId('raw-lines')
  await expect(raw).toHaveAttribute('data-state', 'done')
  const from = Math.max(1, at - 10)
  const to = Math.min(lines.length, at + 10)
  await expect(raw.locator('.raw-line')).toHaveCount(to - from + 1)
  const shown = await raw.locator('.raw-line-text').allTextContents()
  expect(shown).toEqual(lines.slice(from - 1, to))
  await expect(raw.locator('[aria-current="true"] .raw-line-text')).toHaveText(lines[at - 1])
  await page.keyboard.press('Escape')
  await expect(raw).toHaveCount(0)

  // Pinned: a card in the preview, the facts in the Markdown export.
  await banner.getByTestId('pin-button').click()
  await expect(banner.getByTestId('pin-button')).toHaveText('Pinned')
  await page.getByTestId('pm-preview-button').click()
  const card = page.getByTestId('pm-preview').locator('.pin-card-crash').first()
  for (const fact of [`signal: ${signal}`, `addr: ${addr}`, `goroutine: ${goroutine}`])
    await expect(card).toContainText(fact)
  await page.locator('.pm-export summary').click()
  const [md] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Markdown (.md)' }).click(),
  ])
  const markdown = readFileSync((await md.path())!, 'utf8')
  for (const fact of [
    `signal: ${signal}`,
    `code: ${code}`,
    `addr: ${addr}`,
    `pc: ${pc}`,
    `goroutine: ${goroutine}`,
    `source: go-cgo-sigsegv.txt:${at}`,
  ])
    expect(markdown).toContain(fact)

  // The card opens the same lines again.
  await card.click()
  await expect(page.getByTestId('raw-lines').locator('[aria-current="true"]')).toHaveAttribute(
    'data-line',
    String(at),
  )
})

test('a group and an event open their lines of the input too', async ({ page }) => {
  const log = 'public/examples/api-service-with-restart.log'
  const lines = readFileSync(log, 'utf8').split('\n')
  await page.goto('./')
  await dropFile(page, log)
  await waitForLoadState(page, 'done')
  // A group: its first record's lines, marked.
  await page.locator('.group-row').first().click()
  await page.getByTestId('group-raw-lines').click()
  const raw = page.getByTestId('raw-lines')
  await expect(raw).toHaveAttribute('data-state', 'done')
  const marked = raw.locator('[aria-current="true"]')
  const first = Number(await marked.first().getAttribute('data-line'))
  await expect(marked.first().locator('.raw-line-text')).toHaveText(lines[first - 1])
  expect(lines[first - 1]).toMatch(/^goroutine \d+ \[/)
  await raw.getByRole('button', { name: 'Close the lines' }).click()

  // An event: its line, in the middle of its neighbours.
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const row = page.getByTestId('event-list').getByTestId('event-row').nth(5)
  await row.click()
  await page.getByTestId('event-raw-lines').click()
  const eventLine = Number(
    (await page.getByTestId('event-actions').locator('.muted').first().innerText())
      .split(':')
      .pop(),
  )
  await expect(raw.locator('[aria-current="true"] .raw-line-text')).toHaveText(lines[eventLine - 1])
})
