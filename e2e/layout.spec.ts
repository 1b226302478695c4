import type { Page, TestInfo } from '@playwright/test'
import { test, expect, waitForLoadState, dropFile } from './helpers'

/**
 * The screens an incident review happens on: a projector or a shared laptop (1024×768,
 * 1280×720) and a desk monitor. Each test keeps its screenshots in test-results/ (git ignores
 * it), to be looked at, not compared pixel by pixel.
 */
const SCREENS = [
  { width: 1024, height: 768 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const

/** Every heading, title and label on screen: none may be cut by its box. */
const LABELS = [
  'h1',
  'h2',
  'h3',
  'figcaption',
  'legend',
  'label',
  'button',
  'summary',
  '[role="tab"]',
  '[role="columnheader"]',
  '.toolbar-field',
  '.series-option',
  '.crash-headline',
  '.present-item h2',
].join(', ')

/**
 * Labels whose text is wider than their box. A name that ends in an ellipsis on purpose, with
 * the whole text in its tooltip, is not cut: it can still be read.
 */
async function overflowingLabels(page: Page): Promise<string[]> {
  return page.locator(LABELS).evaluateAll((elements) =>
    elements
      .filter((e) => {
        const el = e as HTMLElement
        if (el.offsetParent === null || el.closest('[hidden], details:not([open]) > :not(summary)'))
          return false
        const style = getComputedStyle(el)
        // An inline box is as wide as its text; its block parent is checked instead.
        if (style.display === 'inline') return false
        if (style.textOverflow === 'ellipsis' && el.title) return false
        // One pixel of rounding between layout and scroll sizes.
        return el.scrollWidth > el.clientWidth + 1
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.slice(0, 60)}`),
  )
}

/** Table rows wholly inside the table's scrolled box: what a reader sees without scrolling. */
async function visibleRows(page: Page): Promise<number> {
  return page.getByTestId('group-row').evaluateAll((rows) => {
    const body = rows[0]?.closest('.group-body')?.getBoundingClientRect()
    if (!body) return 0
    const bottom = Math.min(body.bottom, window.innerHeight)
    return rows.filter((r) => {
      const b = r.getBoundingClientRect()
      return b.top >= body.top - 1 && b.bottom <= bottom + 1
    }).length
  })
}

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) })
}

async function openLeakExample(page: Page): Promise<void> {
  await page.goto('./')
  await page.getByRole('button', { name: /Goroutine leak/ }).click()
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('group-row').first()).toBeVisible()
}

for (const colorScheme of ['light', 'dark'] as const) {
  for (const screen of SCREENS) {
    const size = `${screen.width}x${screen.height}`
    test.describe(`${size} ${colorScheme}`, () => {
      test.use({ viewport: screen, colorScheme })

      test('the header is one line, the crash one line, and no label is cut', async ({
        page,
      }, testInfo) => {
        await openLeakExample(page)
        const header = page.locator('.app-header')
        const headerBox = (await header.boundingBox())!
        const buttonBox = (await page.getByTestId('present-button').boundingBox())!
        // One line: the header is one button high, plus its padding.
        expect(headerBox.height).toBeLessThan(buttonBox.height * 1.8)
        if (screen.width >= 1280) {
          await expect(page.getByTestId('overflow-menu')).toHaveCount(0)
          await expect(page.getByTestId('share-button')).toBeVisible()
        } else {
          await expect(page.getByTestId('share-button')).toBeHidden()
          await page.getByTestId('overflow-menu').locator('summary').click()
          await expect(page.getByTestId('share-button')).toBeVisible()
          await shoot(page, testInfo, `${size}-${colorScheme}-menu`)
          await page.keyboard.press('Escape')
          await expect(page.getByTestId('share-button')).toBeHidden()
        }

        const banner = page.locator('.crash-headline')
        const line = await banner.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight))
        expect((await banner.boundingBox())!.height).toBeLessThanOrEqual(line * 1.5)
        await shoot(page, testInfo, `${size}-${colorScheme}-stacks`)
        expect(await overflowingLabels(page)).toEqual([])

        // Expanded, the banner tells the whole crash; folded again, it is one line.
        await page.getByTestId('crash-toggle').click()
        await expect(page.getByTestId('crash-summary')).toContainText('goroutine 3002012')
        await expect(page.locator('.crash-details')).toBeVisible()
        expect(await overflowingLabels(page)).toEqual([])
        await page.getByTestId('crash-toggle').click()
        await expect(page.locator('.crash-details')).toHaveCount(0)

        await page.getByRole('tab', { name: 'Flame' }).click()
        await expect(page.getByTestId('flame-view')).toBeVisible()
        await shoot(page, testInfo, `${size}-${colorScheme}-flame`)
        expect(await overflowingLabels(page)).toEqual([])
      })

      test('the timeline charts fit and no label is cut', async ({ page }, testInfo) => {
        await page.goto('./')
        await page.getByRole('button', { name: /Service log/ }).click()
        await waitForLoadState(page, 'done')
        await page.getByRole('tab', { name: 'Timeline' }).click()
        await expect(page.getByTestId('stuck-since')).toBeVisible()
        await expect(
          page.getByTestId('metrics-chart').locator('.recharts-line').first(),
        ).toBeVisible()
        // Round ticks a constant step apart (5, 15, 30 minutes …), on both time axes.
        for (const chart of ['event-histogram', 'metrics-chart']) {
          // Recharts draws all tick labels in one layer: the times are the ones with a colon.
          const labels = (
            await page
              .getByTestId(chart)
              .locator('.recharts-cartesian-axis-tick-value')
              .allTextContents()
          ).filter((l) => l.includes(':'))
          expect(labels.length).toBeGreaterThanOrEqual(4)
          const minutes = labels.map((l) => {
            const [h, m] = l.split(':').map(Number)
            return h * 60 + m
          })
          expect(labels.every((l) => /^\d\d:\d\d$/.test(l))).toBe(true)
          const steps = new Set(minutes.slice(1).map((m, i) => m - minutes[i]))
          expect(steps.size).toBe(1)
          expect(minutes.every((m) => m % [...steps][0] === 0)).toBe(true)
        }
        await shoot(page, testInfo, `${size}-${colorScheme}-timeline`)
        expect(await overflowingLabels(page)).toEqual([])

        // Three markers a minute apart: their labels are staggered, none over another.
        // The pane starts open on a wide screen and closed under 1400 px: open it if needed.
        const pane = page.getByTestId('postmortem-pane')
        if ((await pane.count()) === 0) await page.locator('.tab-pane-toggle').click()
        await expect(pane).toBeVisible()
        for (const [time, label] of [
          ['2014-06-24 19:30', 'deploy of the session cache'],
          ['2014-06-24 19:31', 'first page to on-call'],
          ['2014-06-24 19:32', 'rollback started'],
        ]) {
          await pane.getByLabel('Marker time (UTC)').fill(time)
          await pane.getByLabel('Marker label').fill(label)
          await pane.getByRole('button', { name: 'Add marker' }).click()
        }
        await expect(page.getByTestId('event-histogram').getByTestId('marker-label')).toHaveCount(3)
        // The crash and restart labels share the rows: none may cover another either.
        const boxes = await page
          .getByTestId('event-histogram')
          .locator('[data-testid="marker-label"], [data-testid="moment-label"]')
          .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))
        const figure = (await page.getByTestId('event-histogram').boundingBox())!
        for (const [i, a] of boxes.entries()) {
          expect(a.left).toBeGreaterThanOrEqual(figure.x)
          expect(a.right).toBeLessThanOrEqual(figure.x + figure.width)
          for (const b of boxes.slice(i + 1))
            expect(
              a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top,
            ).toBe(true)
        }
        await page.getByTestId('event-histogram').scrollIntoViewIfNeeded()
        await shoot(page, testInfo, `${size}-${colorScheme}-markers`)
      })

      test('the postmortem is a drawer under 1400 px, and the table keeps its rows', async ({
        page,
      }, testInfo) => {
        await openLeakExample(page)
        const pane = page.getByTestId('postmortem-pane')
        // A laptop or a projector starts with the evidence; a wide screen with both.
        if (screen.width < 1400) await expect(pane).toHaveCount(0)
        else await expect(pane).toBeVisible()
        if (screen.width >= 1400)
          await page.getByRole('button', { name: 'Close the postmortem' }).click()
        await expect(pane).toHaveCount(0)
        const closed = await visibleRows(page)

        await page.locator('.tab-pane-toggle').click()
        await expect(pane).toBeVisible()
        await expect(page.getByTestId('pm-title')).toBeVisible()
        const position = await pane.evaluate((el) => getComputedStyle(el).position)
        expect(position).toBe(screen.width < 1400 ? 'absolute' : 'static')
        // The drawer pushes the table aside instead of covering it.
        const paneBox = (await pane.boundingBox())!
        const tableBox = (await page.getByTestId('group-table').boundingBox())!
        expect(tableBox.x + tableBox.width).toBeLessThanOrEqual(paneBox.x + 1)
        const open = await visibleRows(page)
        await shoot(page, testInfo, `${size}-${colorScheme}-drawer`)
        expect(await overflowingLabels(page)).toEqual([])

        if (screen.width === 1280) {
          expect(closed).toBeGreaterThanOrEqual(8)
          expect(open).toBeGreaterThanOrEqual(5)
        }
        if (screen.width === 1920) {
          expect(closed).toBeGreaterThanOrEqual(12)
          expect(open).toBeGreaterThanOrEqual(8)
        }
        expect(open).toBeGreaterThanOrEqual(screen.width === 1024 ? 3 : 5)
        await page.keyboard.press('p')
        await expect(pane).toHaveCount(0)
      })
    })
  }
}

test.describe('crash banner with further crashes', () => {
  test.use({ viewport: { width: 1024, height: 768 } })
  test('folds to one line that counts the other crashes', async ({ page }) => {
    await page.goto('./')
    await dropFile(page, 'src/parse/kernel/__fixtures__/dmesg-T.txt')
    await waitForLoadState(page, 'done')
    const toggle = page.getByTestId('crash-toggle')
    await expect(toggle).toHaveText('7 more crashes')
    await expect(page.getByTestId('crash-more')).toHaveCount(0)
    await toggle.click()
    await expect(page.getByTestId('crash-more').locator('summary')).toContainText(
      '7 more crashes in the input',
    )
    await expect(toggle).toHaveText('Less')
  })
})
