import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { dropBytes, expect, test, waitForLoadState } from './helpers'

// Incident 1 (seeds/000): `kubectl logs --previous` prints the service's dated lines, then the
// Go runtime's cgo SIGSEGV trace with no dates at all. The crash must still reach the timeline.

const trace = readFileSync('public/examples/go-cgo-sigsegv.txt', 'utf8').trimEnd().split('\n')
// Seed 003's metrics shape, so the metrics chart draws as well as the histogram.
const service = [
  '2024-03-05T10:12:01.004Z info METRICS: goroutines: 9, alloc: 7377040',
  '2024-03-05T10:13:02.113Z info redirect matcher loaded rules=18342',
  '2024-03-05T10:14:01.250Z info METRICS: goroutines: 250, alloc: 9377040',
  '2024-03-05T10:14:09.481Z info serving origin=edge-7 rps=5120',
  '2024-03-05T10:15:01.730Z info METRICS: goroutines: 400, alloc: 12377040',
  '2024-03-05T10:15:47.902Z warn request latency p99=2.4s',
]
const ISO = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z) /

/** The UI's UTC format for an instant read by hand from the file. */
function shown(iso: string): string {
  return new Date(Date.parse(iso)).toISOString().replace('T', ' ').replace('Z', ' UTC')
}

async function open(page: Page, name: string, lines: string[]) {
  await page.goto('./')
  await dropBytes(page, name, Buffer.from(lines.join('\n') + '\n').toString('base64'))
  await waitForLoadState(page, 'done')
  // The banner is one line until opened; its details hold the crash's time.
  await page.getByTestId('crash-toggle').click()
}

test('a crash after the last dated line is on the timeline at that line’s time, marked ≈', async ({
  page,
}) => {
  const lines = [...service, ...trace]
  const crashLine = lines.findIndex((l) => l.startsWith('fatal error:'))
  // The last dated line before the crash, found by hand.
  const lastDated = lines
    .slice(0, crashLine)
    .map((l) => ISO.exec(l)?.[1])
    .filter(Boolean)
    .at(-1)!
  await open(page, 'previous.log', lines)

  await expect(page.getByTestId('crash-time')).toHaveText(`≈ ${shown(lastDated)}`)

  await page.getByRole('tab', { name: 'Timeline' }).click()
  const histogram = page.getByTestId('event-histogram')
  await expect(histogram).toContainText('1 crash as a vertical line')
  await expect(histogram.locator('.recharts-reference-line')).toHaveCount(1)
  // One crash is its vertical line: no rate line rising and falling around it.
  await expect(histogram).not.toContainText('crashes and segfaults as a line')
  await expect(histogram.locator('.recharts-line')).toHaveCount(0)
  await expect(histogram).toContainText('≈ fatal error: unexpected signal')
  const metrics = page.getByTestId('metrics-chart')
  await expect(metrics.locator('.recharts-reference-line')).toHaveCount(1)
  await expect(metrics).toContainText('≈ fatal error')

  const crashRow = page.getByTestId('event-row').filter({ hasText: 'crash' })
  await expect(crashRow).toHaveCount(1)
  await expect(crashRow.locator('.event-time')).toHaveText(`≈ ${shown(lastDated)}`)
  await expect(crashRow).toContainText(`:${crashLine + 1}`)
})

test('with `kubectl logs --timestamps` the crash has its own time, not ≈', async ({ page }) => {
  // Every line carries the kubelet's RFC 3339 nano timestamp.
  const start = Date.parse('2024-03-05T10:15:48.000Z')
  const stamped = trace.map(
    (l, i) => `${new Date(start + i).toISOString().replace('Z', '000000Z')} ${l}`,
  )
  const lines = [...service, ...stamped]
  const crashLine = lines.findIndex((l) => / fatal error:/.test(l))
  const own = ISO.exec(lines[crashLine])![1]
  await open(page, 'timestamps.log', lines)

  await expect(page.getByTestId('crash-time')).toHaveText(shown(own))
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const histogram = page.getByTestId('event-histogram')
  await expect(histogram).toContainText('fatal error: unexpected signal')
  await expect(histogram).not.toContainText('≈')
  const crashRow = page.getByTestId('event-row').filter({ hasText: 'crash' })
  await expect(crashRow.locator('.event-time')).toHaveText(shown(own))
})
