import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { test, expect, waitForLoadState, dropBytes, parseWithCli } from './helpers'

const log = 'public/examples/api-service-with-restart.log'

test('a gzip file of two members (cat a.gz b.gz) is read to its end', async ({ page }) => {
  // Chromium's DecompressionStream stops after the first member; gunzip reads them all.
  const text = readFileSync(log)
  const cut = text.indexOf('\n', text.length >> 1) - 10 // inside a line
  const bytes = Buffer.concat([gzipSync(text.subarray(0, cut)), gzipSync(text.subarray(cut))])
  const lines = text.toString('utf8').replace(/\n$/, '').split('\n')
  const { events } = parseWithCli(log)

  await page.goto('./')
  await dropBytes(page, 'api.log.gz', bytes.toString('base64'))
  await waitForLoadState(page, 'done')
  const inputs = page.getByRole('region', { name: 'Inputs' })
  await expect(inputs).toContainText(`${lines.length.toLocaleString('en-US')} lines`)
  await expect(inputs.getByRole('status')).toHaveCount(0)
  await page.getByRole('tab', { name: 'Timeline' }).click()
  await expect(page.getByTestId('event-count')).toHaveText(
    `${events.toLocaleString('en-US')} events`,
  )
})
