import { test as base } from '@playwright/test'
import { test, expect, waitForLoadState, dropFile } from './helpers'

test('nothing leaves the origin: load, parse, view, search', async ({ page, baseURL }) => {
  const outside: string[] = []
  page.on('request', (r) => {
    if (
      !r.url().startsWith(baseURL!) &&
      !r.url().startsWith('data:') &&
      !r.url().startsWith('blob:')
    )
      outside.push(r.url())
  })
  await page.goto('./')
  await dropFile(page, 'public/examples/go-cgo-sigsegv.txt')
  await waitForLoadState(page, 'done')
  await page.getByTestId('group-row').first().click()
  await page.getByTestId('group-search').fill('main')
  for (const tab of ['Flame', 'Timeline', 'Stacks'])
    await page.getByRole('tab', { name: tab }).click()
  await page.getByRole('tab', { name: 'Stacks' }).click()
  expect(outside).toEqual([])
})

base('the content security policy refuses inline script', async ({ page }) => {
  await page.goto('./')
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content')
  expect(csp).toContain("script-src 'self'")
  expect(csp).not.toContain("unsafe-inline'; script")
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { __injected?: boolean }
    const s = document.createElement('script')
    s.textContent = 'window.__injected = true'
    document.body.appendChild(s)
    await new Promise((r) => setTimeout(r, 50))
    return w.__injected === true
  })
  expect(ran).toBe(false)
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'no-referrer')
})
