import type { Page } from '@playwright/test'
import { test, expect, waitForLoadState, dropBytes } from './helpers'

// A Go panic whose symbols and paths are longer than the presentation panel is wide, as in a
// module-heavy service: they must wrap between tokens, and `file:line` must stay whole.
const func =
  'github.com/acme-infrastructure/platform-services/libredis-cluster-client/internal/connectionpool.(*ConnectionPoolManager).acquireConnectionWithTimeout'
const path =
  '/home/builder/go/pkg/mod/github.com/acme-infrastructure/platform-services/libredis-cluster-client@v1.42.0/internal/connectionpool/manager.go:133'
const panic = [
  'panic: runtime error: invalid memory address or nil pointer dereference',
  '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1b2c]',
  '',
  'goroutine 1 [running]:',
  `${func}(0xc000010000, 0x1)`,
  `\t${path} +0x29`,
  'main.main()',
  '\t/home/builder/src/github.com/acme-infrastructure/edge/cmd/edgeproxy/main.go:47 +0x1d',
  'exit status 2',
  '',
].join('\n')

/** Boxes wider than they show (scrollWidth > clientWidth), by selector. */
async function overflowing(page: Page, selector: string): Promise<string[]> {
  return page
    .locator(selector)
    .evaluateAll((els) =>
      els
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.className}: ${el.scrollWidth} > ${el.clientWidth}`),
    )
}

/** Each `file:line` token in the boxes, with the number of lines it is drawn on. */
async function tokenLines(page: Page, selector: string): Promise<Array<[string, number]>> {
  return page.locator(selector).evaluateAll((els) => {
    const found: Array<[string, number]> = []
    for (const el of els) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of (node.textContent ?? '').matchAll(/[\w.-]+\.(?:go|c):\d+/g)) {
          const range = document.createRange()
          range.setStart(node, m.index)
          range.setEnd(node, m.index + m[0].length)
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)))
          found.push([m[0], tops.size])
        }
      }
    }
    return found
  })
}

test('presentation at 1280x720: titles and stacks wrap between tokens, never inside file:line', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto('./')
  await dropBytes(page, 'long-paths.txt', Buffer.from(panic).toString('base64'))
  await waitForLoadState(page, 'done')
  await page.locator('.group-row-crashed').click()
  await page.getByTestId('stack-detail').getByTestId('pin-button').click()
  await expect(page.getByTestId('postmortem-pane')).toHaveAttribute('data-dirty', 'false')
  await page.keyboard.press('Shift+P')
  await expect(page.getByTestId('present-panel')).toBeVisible()
  await expect(page.getByTestId('present-code')).toContainText('manager.go:133')
  await expect(page.locator('.group-row-crashed')).toHaveAttribute('aria-expanded', 'true')

  const boxes = [
    '.present-item h2',
    '.present-heading',
    '.present-meta',
    '[data-testid="present-code"]',
    '.group-row .func',
    '.group-row .location',
    '.stack-detail .frame-func',
    '.stack-detail .frame-location',
  ].join(', ')
  expect(await overflowing(page, boxes)).toEqual([])
  const tokens = await tokenLines(page, boxes)
  // The token is on the card and in the expanded group, and really drawn.
  expect(tokens.filter(([t]) => t === 'manager.go:133').length).toBeGreaterThanOrEqual(2)
  expect(tokens.filter(([, lines]) => lines !== 1)).toEqual([])
  // The long symbol did wrap (the panel is narrower than it), so the check above means something.
  const code = page.getByTestId('present-code')
  const fontSize = await code.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect((await code.boundingBox())!.height).toBeGreaterThan(fontSize * 4)
})
