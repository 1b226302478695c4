import { readFileSync } from 'node:fs'
import { test, expect, waitForLoadState, dropFile, dropTexts } from './helpers'

const example = 'Service log with a quiet restart'

test('a log with metrics charts them; a brushed range and a marker; the marker survives a reload', async ({
  page,
}) => {
  await page.goto('./')
  await page.getByRole('button', { name: new RegExp(example) }).click()
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()

  // The histogram and the metrics chart draw, with goroutines charted by default.
  const histogram = page.getByTestId('event-histogram')
  await expect(histogram.locator('.recharts-bar-rectangle').first()).toBeVisible()
  const metrics = page.getByTestId('metrics-chart')
  await expect(metrics.getByRole('checkbox', { name: /^goroutines/ })).toBeChecked()
  await expect(metrics.locator('.recharts-line-curve').first()).toBeVisible()

  // The event list shows every event; brushing a range narrows it.
  const list = page.getByTestId('event-list')
  const all = Number(
    (await list.locator('figcaption').innerText()).match(/[\d,]+/)![0].replace(/,/g, ''),
  )
  expect(all).toBeGreaterThan(300)
  const traveller = histogram.locator('.recharts-brush-traveller').first()
  const box = (await traveller.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + 400, box.y + box.height / 2, { steps: 10 })
  await page.mouse.up()
  await expect(list.locator('figcaption')).toContainText('in the selected range')
  const inRange = Number(
    (await list.locator('figcaption').innerText()).match(/[\d,]+/)![0].replace(/,/g, ''),
  )
  expect(inRange).toBeLessThan(all)
  expect(inRange).toBeGreaterThan(0)

  // A marker from the toolbar, saved with the postmortem. The crash and the restart are
  // drawn as lines already.
  const lines = histogram.locator('.recharts-reference-line')
  const before = await lines.count()
  await page.getByTestId('timeline').getByRole('button', { name: 'Add marker' }).click()
  const form = page.getByTestId('marker-form')
  await form.getByLabel('Marker label').fill('deploy 1.8.2')
  await form.getByLabel('Marker kind').selectOption('trigger')
  await form.getByRole('button', { name: 'Add marker' }).click()
  await expect(lines).toHaveCount(before + 1)
  await expect(histogram).toContainText('deploy 1.8.2')

  // Reload, open the same input again: the marker is back.
  await page.waitForTimeout(1200) // autosave is debounced (within a second)
  await page.reload()
  await page.getByRole('button', { name: new RegExp(example) }).click()
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()
  await expect(page.getByTestId('event-histogram')).toContainText('deploy 1.8.2')
})

test('a dump with no time in it says so instead of an empty timeline', async ({ page }) => {
  await page.goto('./')
  // The example without the service's dated log lines before its panic: no dated line and no
  // wait over a minute (`grep -c 'minutes\]'` is 0), nothing to place.
  const example = readFileSync('public/examples/go-goroutine-leak-dump.txt', 'utf8')
  await dropTexts(page, [{ name: 'dump.txt', text: example.slice(example.indexOf('panic: ')) }])
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()
  await expect(page.getByTestId('timeline-empty')).toContainText(
    'Nothing in this input carries a time',
  )
})

test('a goroutine dump shows when its goroutines got stuck', async ({ page }) => {
  await page.goto('./')
  // Parked 61 s before the crash: headers read `[semacquire, 1 minutes]`.
  await dropFile(page, 'src/parse/go/__fixtures__/local-go119-gen-dump-n300-wait61s.txt')
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const stuck = page.getByTestId('stuck-since')
  await expect(stuck).toContainText('Stuck since')
  await expect(stuck.locator('.recharts-area-area').first()).toBeVisible()
})

test('the stuck-since bands add up to every goroutine that printed its wait', async ({ page }) => {
  const path = 'src/parse/go/__fixtures__/gostackparse-waitsince-go115.txt'
  // grep: goroutine headers that print minutes; more groups wait than the chart names.
  const waited = (
    readFileSync(path, 'utf8').match(/^goroutine \d+ \[[^\]]*, \d+ minutes\]/gm) ?? []
  ).length
  await page.goto('./')
  await dropFile(page, path)
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const legend = page.getByTestId('stuck-since').getByTestId('chart-legend').locator('li')
  await expect(legend.last()).toContainText('other group')
  // `N × group`, or `N of M × group` when some of its goroutines printed no wait.
  const names = await legend.allInnerTexts()
  const drawn = names.reduce(
    (n, name) => n + Number(/^([\d,]+)/.exec(name.trim())![1].replace(/,/g, '')),
    0,
  )
  expect(drawn).toBe(waited)
})

test('a lone segfault draws its bar, and every time label stays inside the chart', async ({
  page,
}) => {
  await page.goto('./')
  // Seed 001's syslog line: one event, 4838261.071917 s after boot. The chart spanned one
  // millisecond, drew its one bar zero pixels wide and cut its end labels in half.
  const line =
    'kernel: [4838261.071917] haproxy[610]: segfault at 7fdb0426e000 ip 00007fdb0403305b sp 00007ffee5ff8988 error 4 in ld-musl-x86_64.so.1[7fdb03fe2000+87000]'
  await dropTexts(page, [{ name: 'syslog', text: `${line}\n` }])
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const histogram = page.getByTestId('event-histogram')
  await expect(page.getByTestId('event-list')).toContainText('1 event')
  const bars = histogram.locator('.recharts-bar-rectangle path')
  await expect(bars).toHaveCount(1)
  const bar = (await bars.first().boundingBox())!
  expect(bar.width).toBeGreaterThan(4)
  expect(bar.height).toBeGreaterThan(50)
  const chart = (await histogram.locator('svg.recharts-surface').first().boundingBox())!
  const labels = histogram.locator(
    '.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value',
  )
  expect(await labels.count()).toBeGreaterThan(1)
  for (const label of await labels.all()) {
    const box = (await label.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(chart.x)
    expect(box.x + box.width).toBeLessThanOrEqual(chart.x + chart.width)
  }
})

test('metrics read once are named with their figures, not hidden', async ({ page }) => {
  await page.goto('./')
  // Seed 003's one status line: five metrics, one reading each, nothing to draw a line through.
  const line =
    '2014-06-24 19:50:53 info:76c0b38e METRICS: goroutines: 9, cgo: 40, alloc: 7377040, totalAlloc: 54761416, heapAlloc: 7377040'
  await dropTexts(page, [{ name: 'server.log', text: `${line}\n` }])
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const metrics = page.getByTestId('metrics-chart')
  await expect(metrics).toContainText('read once each at 2014-06-24 19:50:53.000 UTC')
  const readings = await metrics.locator('li').allInnerTexts()
  const expected = [...line.matchAll(/(\w+): (\d+)/g)].map(
    ([, name, value]) => `${name} ${Number(value).toLocaleString('en-US')}`,
  )
  expect(readings.map((r) => r.trim())).toEqual(expected)
})

test('repeated kernel segfaults: one crash in full, the others folded, their rate on the timeline', async ({
  page,
}) => {
  await page.goto('./')
  await dropFile(page, 'src/parse/kernel/__fixtures__/dmesg-T.txt')
  await waitForLoadState(page, 'done')
  const summary = page.getByTestId('crash-summary')
  await expect(summary.locator('.crash-fact')).toHaveCount(1)
  // The banner is one line until it is expanded.
  await page.getByTestId('crash-toggle').click()
  const more = page.getByTestId('crash-more')
  await expect(more.locator('summary')).toContainText('7 more crashes in the input')
  await expect(more.locator('li').first()).toBeHidden()
  await more.locator('summary').click()
  await expect(more.locator('li')).toHaveCount(7)

  await page.getByRole('tab', { name: 'Timeline' }).click()
  await expect(page.getByTestId('event-histogram')).toContainText('crashes and segfaults as a line')
  await expect(page.getByTestId('event-list').locator('figcaption')).toContainText('8 events')
  await expect(page.getByTestId('event-row').filter({ hasText: 'segfault' }).first()).toBeVisible()
})

test('a week of segfaults keeps vertical lines to its end, and says how many it draws', async ({
  page,
}) => {
  // Seed 001's line every 25 minutes for a week: 404 crashes, more lines than are drawn.
  const start = Date.UTC(2026, 2, 1)
  const lines = Array.from({ length: 404 }, (_, i) => {
    const t = new Date(start + i * 25 * 60_000).toISOString().replace('.000Z', '+00:00')
    return `${t} lb1 kernel: [${4838261 + i * 1500}.071917] haproxy[${610 + i}]: segfault at 7fdb0426e000 ip 00007fdb0403305b sp 00007ffee5ff8988 error 4 in ld-musl-x86_64.so.1[7fdb03fe2000+87000]`
  })
  await page.goto('./')
  await dropTexts(page, [{ name: 'syslog', text: lines.join('\n') + '\n' }])
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const histogram = page.getByTestId('event-histogram')
  await expect(histogram.locator('figcaption')).toContainText(
    '404 crashes, 300 of them as vertical lines spread over the time',
  )
  const drawn = histogram.locator('.recharts-reference-line line')
  await expect(drawn).toHaveCount(300)
  // The last line stands at the last crash, at the plot's right end, not after a day.
  const plot = (await histogram.locator('.recharts-cartesian-grid').boundingBox())!
  const xs = await drawn.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().x))
  expect(Math.max(...xs)).toBeGreaterThan(plot.x + plot.width * 0.95)
})

test('the metrics chart runs over the events chart’s time and draws every reading, its axis exact', async ({
  page,
}) => {
  // lnav's Java log: 20 lines from 07:00:30 to 07:05:40; two metrics, each read twice within
  // three seconds ("to process: 1" and "to process: 0" in the same millisecond).
  const file = 'src/parse/log/__fixtures__/lnav-java.0.txt'
  const text = readFileSync(file, 'utf8')
  const processReadings = text.split('\n').filter((l) => /to process: \d/.test(l))
  expect(processReadings).toHaveLength(2)
  expect(new Set(processReadings.map((l) => l.slice(0, 23))).size).toBe(1)
  await page.goto('./')
  await dropFile(page, file)
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()
  // Recharts draws all tick labels in one layer: the times are the ones with a colon.
  const labels = (chart: string) =>
    page.getByTestId(chart).locator('.recharts-cartesian-axis-tick-value').allTextContents()
  const times = async (chart: string) => (await labels(chart)).filter((l) => l.includes(':'))
  await expect.poll(() => times('event-histogram')).toContain('07:04')
  // The same minutes, not the three seconds the readings span.
  await expect.poll(() => times('metrics-chart')).toContain('07:04')
  const metrics = page.getByTestId('metrics-chart')
  await expect(metrics.getByRole('checkbox', { name: /^process/ })).toBeChecked()
  // Both readings of `process` are points: the 1, then the 0 at the same time.
  await expect(metrics.locator('.recharts-line-dots').first().locator('circle')).toHaveCount(2)
  // Its axis runs 0 to 1 by quarters, each labelled as it is (not "0.3" for 0.25).
  const values = (await labels('metrics-chart')).filter((l) => !l.includes(':'))
  expect(values).toEqual(expect.arrayContaining(['0.25', '0.75']))
  expect(values).not.toContain('0.3')
})

test('log lines alone open on the timeline, where their events and metrics are', async ({
  page,
}) => {
  const file = 'src/parse/log/__fixtures__/seed003-metrics-restart.txt'
  const lines = readFileSync(file, 'utf8').trim().split('\n')
  await page.goto('./')
  await dropFile(page, file)
  await waitForLoadState(page, 'done')
  await expect(page.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('metrics-chart')).toContainText('goroutines')
  // Every line is an event, and the restart (goroutines 400 -> 9) one more.
  await expect(page.getByTestId('event-list').locator('figcaption')).toContainText(
    `${lines.length + 1} events`,
  )
})
