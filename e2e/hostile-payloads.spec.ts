import { readFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import type { BrowserContext, Page } from '@playwright/test'
import { test, expect, waitForLoadState, dropTexts, waitForDropTarget } from './helpers'

/**
 * Inputs, postmortem text, bundles and share links written as an attacker would write them
 * (e2e/payloads/): every payload would set `window.__pwned`, open a dialog or fetch from
 * attacker.example if it ran. The views, the Markdown preview, the exported HTML report and
 * SVG flame graph must show it as text and stay inert.
 */
// Several exports and links per test, each opened in a page of its own.
test.setTimeout(240_000)

const panic = readFileSync('e2e/payloads/go-panic.txt', 'utf8')
const log = readFileSync('e2e/payloads/service.log', 'utf8')

const markdownPayload = [
  '# <img src=x onerror="window.__pwned=1">',
  '[docs](javascript:window.__pwned=1) <script>window.__pwned=1</script>',
  '<svg onload="window.__pwned=1"><circle r="9"/></svg> <iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '![beacon](https://attacker.example/beacon.png) <style>body{background:url(https://attacker.example/css)}</style>',
  '<a href="javascript:alert(1)">click</a> <details open ontoggle="window.__pwned=1">x</details>',
].join('\n\n')

/** Records what a payload that ran would leave behind: dialogs, requests off the origin. */
function watch(page: Page, origin: string) {
  const seen = { dialogs: [] as string[], outside: [] as string[] }
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message())
    void d.dismiss()
  })
  page.on('request', (r) => {
    const url = r.url()
    if (!url.startsWith(origin) && !/^(data|blob|about):/.test(url)) seen.outside.push(url)
  })
  return seen
}

async function expectInert(page: Page, seen: ReturnType<typeof watch>) {
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()
  expect(await page.evaluate(() => ({}) as { polluted?: unknown }).then((o) => o.polluted)).toBe(
    undefined,
  )
  expect(seen).toEqual({ dialogs: [], outside: [] })
}

/** Opens an exported file as a page of its own and checks that nothing in it runs or loads. */
async function openExport(context: BrowserContext, content: string, origin: string) {
  const viewer = await context.newPage()
  const seen = watch(viewer, origin)
  await viewer.setContent(content, { waitUntil: 'load' })
  await expectInert(viewer, seen)
  await viewer.close()
}

/** No element or attribute in exported markup can run script or fetch from elsewhere. */
function expectNoActiveMarkup(markup: string) {
  expect(markup).not.toMatch(/<script|<iframe|<foreignObject|<img|<style[^>]*>[^<]*attacker/i)
  expect(markup).not.toMatch(/<[^>]+\son[a-z]+\s*=/i)
  // A link the user wrote may point elsewhere (it loads nothing until clicked); a source may not.
  expect(markup).not.toMatch(/<[^>]+\shref\s*=\s*["']?\s*javascript:/i)
  expect(markup).not.toMatch(/<[^>]+\ssrc\s*=\s*["']?\s*https?:/i)
}

test('payloads in inputs and in the postmortem stay text in the views and exports', async ({
  page,
  context,
  baseURL,
}) => {
  const seen = watch(page, baseURL!)
  await page.goto('./')
  await dropTexts(page, [
    { name: 'panic.txt', text: panic },
    { name: 'service.log', text: log },
  ])
  await waitForLoadState(page, 'done')

  // Stacks: the payload is shown as the text it is.
  const rows = page.getByTestId('group-row')
  await expect(rows.first()).toBeVisible()
  await expect(page.getByText('main.<svg/onload=window.__pwned=1>').first()).toBeVisible()
  await page.locator('.group-row-crashed').click()
  await expect(page.getByTestId('stack-detail')).toContainText(
    '/src/<img src=x onerror=window.__pwned=1>.go',
  )
  for (const tab of ['Flame', 'Timeline', 'Stacks'])
    await page.getByRole('tab', { name: tab }).click()

  // The postmortem: title and Markdown with payloads, previewed.
  await page.getByTestId('pm-title').fill('<img src=x onerror="window.__pwned=1">')
  await page.getByLabel('Summary (Markdown)').fill(markdownPayload)
  await page.getByTestId('pm-preview-button').click()
  const preview = page.getByTestId('pm-preview')
  await expect(preview).toBeVisible()
  await expect(
    preview.locator(
      'script, iframe, style, svg[onload], [onerror], [ontoggle], a[href^="javascript:"]',
    ),
  ).toHaveCount(0)
  await expectInert(page, seen)

  // The HTML report, read and opened as a page.
  await page.locator('.pm-export summary').click()
  await page.getByLabel('Redact secrets').uncheck()
  const [html] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'HTML report' }).click(),
  ])
  const report = readFileSync((await html.path())!, 'utf8')
  expect(report).toContain('&lt;img src=x onerror=')
  expectNoActiveMarkup(report)
  await openExport(context, report, baseURL!)

  // The flame graph as SVG, read and opened as a page.
  await page.getByRole('tab', { name: 'Flame' }).click()
  await expect(page.getByTestId('flame-view')).toBeVisible()
  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'SVG', exact: true }).click(),
  ])
  const svg = readFileSync((await svgDownload.path())!, 'utf8')
  expect(svg).toContain('main.&#60;svg/onload=window.__pwned=1&#62;')
  expectNoActiveMarkup(svg)
  await openExport(context, svg, baseURL!)
  await expectInert(page, seen)
})

/** A bundle as the app writes it, with payloads in its texts. */
async function exportBundle(page: Page): Promise<Record<string, unknown>> {
  await page.goto('./')
  await dropTexts(page, [{ name: 'panic.txt', text: panic }])
  await waitForLoadState(page, 'done')
  await page.getByTestId('pm-title').fill('<script>window.__pwned=1</script>')
  await page.getByLabel('Summary (Markdown)').fill(markdownPayload)
  await expect(page.getByTestId('postmortem-pane')).toHaveAttribute('data-dirty', 'false')
  await page.locator('.pm-export summary').click()
  await page.getByLabel('Redact secrets').uncheck()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Bundle with the inputs' }).click(),
  ])
  return JSON.parse(readFileSync((await download.path())!, 'utf8'))
}

/** JSON text with `__proto__` and `constructor` keys added where a merge might honour them. */
function withPrototypeKeys(bundle: Record<string, unknown>, title?: string): string {
  const state = bundle.state as Record<string, unknown>
  const doc = state.doc as Record<string, unknown> | undefined
  const text = JSON.stringify({
    ...bundle,
    state: { ...state, ...(doc ? { doc: { ...doc, ...(title ? { title } : {}) } } : {}) },
  })
  const evil = '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},'
  return text.replace(/^\{/, `{${evil}`).replace(/"state":\{/, `"state":{${evil}`)
}

const shareLink = (json: string) =>
  `./#share=1.${deflateSync(Buffer.from(json)).toString('base64url')}`

test('a crafted bundle and crafted share links stay inert and leave the page usable', async ({
  page,
  browser,
  baseURL,
}) => {
  const bundle = await exportBundle(page)

  const fresh = await browser.newContext()
  const other = await fresh.newPage()
  const seen = watch(other, baseURL!)
  await other.goto('./')
  await waitForDropTarget(other)
  await other.evaluate(async (text) => {
    const dt = new DataTransfer()
    dt.items.add(new File([text], 'crafted.debrief'))
    for (const type of ['dragenter', 'dragover', 'drop'])
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true }))
  }, withPrototypeKeys(bundle))
  await waitForLoadState(other, 'done')
  await expect(other.getByTestId('pm-title')).toHaveValue('<script>window.__pwned=1</script>')
  await other.getByTestId('pm-preview-button').click()
  await expect(other.getByTestId('pm-preview').locator('script, iframe, [onerror]')).toHaveCount(0)
  await expectInert(other, seen)

  // Share links: prototype keys with a huge title, and a decompression bomb (64 MB of JSON
  // from a 64 KB link). Each either opens or says what is wrong; the page stays usable.
  for (const link of [
    shareLink(withPrototypeKeys(bundle, '<img src=x onerror=window.__pwned=1>'.repeat(20_000))),
    shareLink(`{"format":"debrief-bundle","version":2,"pad":"${' '.repeat(64 << 20)}"}`),
  ]) {
    const tab = await fresh.newPage()
    const seenTab = watch(tab, baseURL!)
    await tab.goto(link)
    await expect(
      tab.getByTestId('link-error').or(tab.locator('.app[data-load-state="done"]')),
    ).toBeVisible({ timeout: 120_000 })
    // Usable: the page answers and a control still responds to a click.
    await tab
      .getByRole('tab', { name: 'Stacks' })
      .or(tab.getByRole('button').first())
      .first()
      .click()
    await expectInert(tab, seenTab)
    await tab.close()
  }
  await fresh.close()
})
