import type { Page } from '@playwright/test'
import { dropBytes, expect, test, waitForLoadState } from './helpers'

// Incident 2 (seeds/001): HAProxy segfaulting about every five minutes, read from syslog.
// Brushing a range on the timeline must narrow Stacks and Flame to the segfaults in it.

/** A day of seed 2's syslog lines: a segfault about every five minutes, an info line between. */
function segfaultSyslog(): string {
  const lines: string[] = []
  const start = Date.UTC(2024, 10, 22, 8, 0, 29)
  for (let i = 0; i < 128; i++) {
    const at = start + i * 5 * 60_000 + (i % 7) * 1_000
    const hms = new Date(at).toISOString().slice(11, 19)
    const since = (4838261.071917 + (at - start) / 1000).toFixed(6)
    lines.push(
      `Nov 22 ${hms} lb-1 kernel: [${since}] haproxy[${610 + i}]: segfault at 7fdb0426e000 ip 00007fdb0403305b sp 00007ffee5ff8988 error 4 in ld-musl-x86_64.so.1[7fdb03fe2000+87000]`,
      `Nov 22 ${hms} lb-1 haproxy[1]: Proxy www started.`,
    )
  }
  return lines.join('\n') + '\n'
}

/** `awk '/segfault at/ && $3 >= from && $3 < to' | wc -l`, with times as `HH:MM:SS`. */
function countSegfaults(text: string, from: string, to: string): number {
  return text
    .split('\n')
    .filter((l) => l.includes('segfault at'))
    .map((l) => l.split(/\s+/)[2])
    .filter((hms) => hms >= from && hms < to).length
}

/** `10:35` or `10:35:30` as `HH:MM:SS`. */
function asSeconds(tick: string): string {
  return tick.length === 5 ? `${tick}:00` : tick
}

async function total(page: Page): Promise<number> {
  const text = await page.getByTestId('group-count').innerText()
  return Number(text.match(/of ([\d,]+)/)![1].replace(/,/g, ''))
}

async function drag(page: Page, traveller: ReturnType<Page['locator']>, dx: number) {
  const box = (await traveller.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2, { steps: 10 })
  await page.mouse.up()
}

test('brushing the timeline narrows Stacks and Flame to the segfaults in the range', async ({
  page,
}) => {
  const text = segfaultSyslog()
  const all = countSegfaults(text, '00:00:00', '24:00:00')
  await page.goto('./')
  await dropBytes(page, 'kern.log', Buffer.from(text).toString('base64'))
  await waitForLoadState(page, 'done')
  await expect.poll(() => total(page)).toBe(all)

  await page.getByRole('tab', { name: 'Timeline' }).click()
  const histogram = page.getByTestId('event-histogram')
  const travellers = histogram.locator('.recharts-brush-traveller')
  await drag(page, travellers.first(), 300)
  await drag(page, travellers.last(), -250)

  // The chip names the range; the count is taken from the input for that range.
  const chip = page.getByTestId('time-filter').getByRole('button')
  await expect(chip).toBeVisible()
  const [from, to] = (await chip.innerText()).replace('×', '').trim().split('–')
  const expected = countSegfaults(text, asSeconds(from), asSeconds(to))
  expect(expected).toBeGreaterThan(0)
  expect(expected).toBeLessThan(all)

  await page.getByRole('tab', { name: 'Stacks' }).click()
  await expect(page.getByTestId('time-filter')).toContainText(`${from}–${to}`)
  await expect.poll(() => total(page)).toBe(expected)

  await page.getByRole('tab', { name: 'Flame' }).click()
  await expect(page.getByTestId('time-filter')).toContainText(`${from}–${to}`)

  // The chip's cross clears the range everywhere.
  await page.getByTestId('time-filter').getByRole('button').click()
  await expect(page.getByTestId('time-filter')).toHaveCount(0)
  await page.getByRole('tab', { name: 'Stacks' }).click()
  await expect.poll(() => total(page)).toBe(all)
})
