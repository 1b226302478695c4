import type { Page } from '@playwright/test'
import { test, expect, waitForLoadState, dropTexts, parseWithCli } from './helpers'

/** What the canvas really shows: painted pixels and distinct colours, not just an element. */
async function canvasPixels(page: Page, nth = 0) {
  return page
    .getByTestId('flame-canvas')
    .nth(nth)
    .evaluate((el) => {
      const canvas = el as HTMLCanvasElement
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
      const colours = new Set<number>()
      let painted = 0
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 0) continue
        painted++
        colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2])
      }
      return { painted, colours: colours.size, pixels: data.length / 4, width: canvas.width }
    })
}

/** Hovers the canvas at a fraction of its width, on row `row` (0 = the "all" row on top). */
async function hoverRow(page: Page, row: number, fraction = 0.02) {
  const box = (await page.getByTestId('flame-canvas').boundingBox())!
  await page.mouse.move(box.x + box.width * fraction, box.y + row * 18 + 9)
}

async function openFlame(page: Page) {
  await page.goto('./')
  await page.getByRole('button', { name: /Goroutine leak/ }).click()
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Flame' }).click()
  await expect(page.getByTestId('flame-view')).toBeVisible()
}

/** Drops several files in one DataTransfer, as a drag of two files from the desktop does. */
test('the flame view draws the example, hovers, zooms and searches', async ({ page }) => {
  await openFlame(page)
  const canvas = page.getByTestId('flame-canvas')
  await expect(canvas).toHaveAttribute('data-drawn', /^[1-9]\d*$/)
  // High-DPI: the backing store follows the device pixel ratio.
  await expect
    .poll(() =>
      canvas.evaluate(
        (c: HTMLCanvasElement) => c.width - Math.round(c.clientWidth * devicePixelRatio),
      ),
    )
    .toBe(0)
  const pixels = await canvasPixels(page)
  expect(pixels.painted / pixels.pixels).toBeGreaterThan(0.1)
  expect(pixels.colours).toBeGreaterThan(4)

  // Hover the widest frame under "all": its function, total and self.
  await hoverRow(page, 1)
  const tooltip = page.getByTestId('flame-tooltip')
  await expect(tooltip).toBeVisible()
  await expect(tooltip).toContainText('Total')
  await expect(tooltip).toContainText('Self')
  await expect(tooltip).toContainText('%')

  // Zoom into a frame three rows down; the breadcrumb leads back out, Escape resets.
  // Above the graph, the weight in view: all of the input's goroutines, as the CLI counts them.
  const inView = page.getByTestId('flame-focus-total')
  const all = parseWithCli('public/examples/go-goroutine-leak-dump.txt').groups.reduce(
    (n, g) => n + g.count,
    0,
  )
  await expect(inView).toContainText(`· ${all.toLocaleString('en-US')} · Count (goroutines)`)
  await hoverRow(page, 3)
  const func = (await tooltip.locator('.flame-tooltip-func').textContent())!
  const frameTotal = (await tooltip.locator('dd').first().textContent())!.split(' (')[0]
  await page.mouse.down()
  await page.mouse.up()
  const crumbs = page.getByTestId('flame-breadcrumbs')
  await expect(crumbs.locator('[aria-current]')).toHaveText(func)
  // Zoomed: that frame's total, as its tooltip gave it, of the whole.
  await expect(inView).toContainText(`${frameTotal} of ${all.toLocaleString('en-US')} (`)
  await expect(crumbs.getByRole('button')).toHaveCount(3)
  await expect(page.getByTestId('flame-selection')).toContainText(func)
  await crumbs.getByRole('button', { name: 'all' }).click()
  await expect(crumbs.locator('[aria-current]')).toHaveText('all')
  await hoverRow(page, 2)
  await page.mouse.down()
  await page.mouse.up()
  await expect(crumbs.getByRole('button')).toHaveCount(2)
  await page.keyboard.press('Escape')
  await expect(crumbs.locator('[aria-current]')).toHaveText('all')

  // Keyboard: arrows move the cursor (the tooltip follows), Enter zooms.
  await canvas.focus()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await expect(tooltip).toBeVisible()
  const cursorFunc = (await tooltip.locator('.flame-tooltip-func').textContent())!
  await page.keyboard.press('Enter')
  await expect(crumbs.locator('[aria-current]')).toHaveText(cursorFunc)
  await page.keyboard.press('0')
  await expect(crumbs.locator('[aria-current]')).toHaveText('all')

  // `/` focuses the search; matches are counted and the rest is dimmed.
  await page.mouse.move(0, 0)
  await page.locator('body').press('/')
  await expect(page.getByTestId('flame-search')).toBeFocused()
  await page.keyboard.type('/lookupIP/')
  await expect(page.getByTestId('flame-search-summary')).toContainText(
    /^[1-9][\d,]* frames?, \d+(\.\d)?% of total weight matched$/,
  )
  const dimmed = await canvasPixels(page)
  expect(dimmed.colours).not.toBe(pixels.colours)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('flame-search-summary')).toHaveCount(0)

  // Colour by module has a legend of modules.
  await page.getByTestId('flame-color').selectOption('module')
  await expect(page.getByTestId('flame-legend')).toContainText('example.com')
})

test('a clicked frame selects its groups in the table, and back', async ({ page }) => {
  await openFlame(page)
  await page.getByRole('tab', { name: 'Stacks' }).click()
  const all = (await page.getByTestId('group-count').textContent())!
  await page.getByRole('tab', { name: 'Flame' }).click()
  // A frame deep enough to be on only some stacks.
  await hoverRow(page, 5)
  await page.mouse.down()
  await page.mouse.up()
  await expect(page.getByTestId('flame-selection')).toContainText('through it')
  await page.getByRole('button', { name: 'Show in the table' }).click()
  await expect(page.getByTestId('flame-table-filter')).toBeVisible()
  await expect(page.getByTestId('group-count')).not.toHaveText(all)
  // Back to the flame view: the selection and zoom are still there.
  await page.getByRole('tab', { name: 'Flame' }).click()
  await expect(page.getByTestId('flame-breadcrumbs').getByRole('button')).toHaveCount(5)
  await page.getByTestId('flame-sandwich').click()
  await expect(page.getByTestId('flame-sandwich-view')).toBeVisible()
  expect((await canvasPixels(page, 0)).painted).toBeGreaterThan(0)
  expect((await canvasPixels(page, 1)).painted).toBeGreaterThan(0)
})

test('two dropped dumps give a differential flame graph and a table of changes', async ({
  page,
}) => {
  const goroutine = (id: number, state: string, frames: string[]) =>
    `goroutine ${id} [${state}]:\n${frames.map((f) => `main.${f}()\n\t/app/main.go:${f.length + 10} +0x1d`).join('\n')}\n`
  const dump = (counts: Record<string, number>) => {
    let id = 1
    const parts: string[] = []
    for (const [leaf, n] of Object.entries(counts)) {
      for (let i = 0; i < n; i++)
        parts.push(goroutine(id++, 'chan receive', [leaf, 'serve', 'main']))
    }
    return parts.join('\n')
  }
  await page.goto('./')
  await dropTexts(page, [
    { name: 'before.txt', text: dump({ waitA: 10, waitB: 4 }) },
    { name: 'after.txt', text: dump({ waitA: 2, waitB: 4, waitC: 12 }) },
  ])
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Flame' }).click()
  await page.getByTestId('flame-diff').click()
  await expect(page.getByTestId('flame-diff-title')).toContainText('before.txt → after.txt')
  const rows = page.getByTestId('flame-diff-table').locator('tbody tr')
  await expect(rows.first()).toContainText('main.waitC')
  await expect(rows.first()).toContainText('+12')
  await expect(rows.nth(1)).toContainText('main.waitA')
  await expect(rows.nth(1)).toContainText('−8')
  const pixels = await canvasPixels(page)
  expect(pixels.colours).toBeGreaterThan(2)
  await hoverRow(page, 1, 0.5)
  await expect(page.getByTestId('flame-tooltip-delta')).toBeVisible()
  // Normalised, the callers that every goroutine passes through (14 vs 18) do not change.
  await expect(page.getByTestId('flame-diff-table')).toContainText('main.main')
  await page.getByTestId('flame-diff-normalize').check()
  await expect(page.getByTestId('flame-diff-table')).toContainText('Before (scaled)')
  await expect(page.getByTestId('flame-diff-table')).not.toContainText('main.main')
  await expect(rows.first()).toContainText('main.waitC')
})

test('exports the view as SVG, PNG and folded stacks', async ({ page }) => {
  await openFlame(page)
  for (const [name, pattern] of [
    ['SVG', /\.svg$/],
    ['PNG', /\.png$/],
    ['Folded', /\.folded\.txt$/],
  ] as const) {
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name, exact: true }).click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(pattern)
    const path = await file.path()
    const { readFileSync } = await import('node:fs')
    const bytes = readFileSync(path)
    if (name === 'SVG') expect(bytes.toString()).toMatch(/^<svg[^>]*>[\s\S]*<rect[\s\S]*<text/)
    if (name === 'PNG') expect(bytes.subarray(1, 4).toString()).toBe('PNG')
    if (name === 'Folded') expect(bytes.toString()).toMatch(/^[^\n;]+(;[^\n;]+)+ \d+$/m)
  }
})

test('a memleak report shows its last snapshot by bytes and diffs first vs last', async ({
  page,
}) => {
  const stack = (bytes: number, allocs: number, leaf: string, line: string) =>
    `        ${bytes} bytes in ${allocs} allocations from stack\n                 ${leaf} [allocs]\n                 ${line} [allocs]\n                 __libc_start_main+0xf0 [libc-2.21.so]\n`
  const snapshot = (time: string, leaky: number) =>
    `[${time}] Top 2 stacks with outstanding allocations:\n${stack(leaky, leaky / 16, 'leaky+0x6d', 'main+0x20')}${stack(32, 2, 'steady+0x10', 'main+0x30')}\n`
  await page.goto('./')
  await dropTexts(page, [
    {
      name: 'memleak.txt',
      text: `Attaching to pid 5193, Ctrl+C to quit.\n${snapshot('11:16:33', 80)}${snapshot('11:16:34', 800)}`,
    },
  ])
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Flame' }).click()
  await expect(page.getByTestId('flame-weight')).toHaveValue('bytes')
  await expect(page.locator('.flame-note')).toContainText('snapshot 2 of 2 (11:16:34)')
  await hoverRow(page, 0)
  // The last snapshot alone: 800 + 32 bytes, not the sum over both snapshots.
  await expect(page.getByTestId('flame-tooltip')).toContainText('832 B')
  await page.getByTestId('flame-diff').click()
  await expect(page.getByTestId('flame-diff-title')).toContainText('11:16:33 → 11:16:34')
  const rows = page.getByTestId('flame-diff-table').locator('tbody tr')
  await expect(rows.first()).toContainText('leaky')
  await expect(rows.first()).toContainText('+720 B')
  // main and __libc_start_main carry the same change up the stack: one row folds them.
  await expect(rows).toHaveCount(2)
})
