import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { BUNDLE_VERSION } from '../src/model/notes/bundle'
import { test, expect, waitForLoadState, dropFile, dropBytes } from './helpers'

const cgoCrash = 'public/examples/go-cgo-sigsegv.txt'

async function openCrash(page: Page) {
  await page.goto('./')
  await dropFile(page, cgoCrash)
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('postmortem-pane')).toBeVisible()
  await expect(page.getByTestId('pm-title')).toBeVisible()
}

test('the postmortem is typed, a group pinned, and both survive a reload; exports carry them', async ({
  page,
}) => {
  await openCrash(page)
  const summary = page.getByLabel('Summary (Markdown)')
  await summary.fill('A NULL dereference in C code killed the service; paged ops@example.com. See ')
  await page.getByTestId('pm-title').fill('cgo crash in the image resizer')

  // Pin the crashed group from its expanded detail: the caret was at the end of Summary.
  await page.locator('.group-row-crashed').click()
  await page.getByTestId('stack-detail').getByTestId('pin-button').click()
  await expect(summary).toHaveValue(/See \[E1: [^\]]+\]\(#pin=p1\)$/)
  await expect(page.getByLabel('Supporting evidence (Markdown)')).toHaveValue(
    /^- \[E1: .+\]\(#pin=p1\)$/,
  )
  await page.getByTestId('stack-detail').getByTestId('note-button').click()
  await page.getByLabel('New note on this group').fill('This is where it died')
  await page.getByRole('button', { name: 'Save note' }).click()
  await expect(page.getByTestId('pm-notes')).toContainText('This is where it died')
  await expect(page.getByTestId('postmortem-pane')).toHaveAttribute('data-dirty', 'false')

  await page.reload()
  await dropFile(page, cgoCrash)
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('pm-title')).toHaveValue('cgo crash in the image resizer')
  await expect(page.getByLabel('Summary (Markdown)')).toHaveValue(/See \[E1: .+\]\(#pin=p1\)$/)
  await expect(page.getByTestId('pm-notes')).toContainText('This is where it died')

  // The preview shows the pin as a live card; clicking it opens the group.
  await page.getByTestId('pm-preview-button').click()
  const card = page.getByTestId('pm-preview').locator('[data-pin="p1"]').first()
  await expect(card).toContainText('crashed')
  await card.click()
  await expect(page.getByTestId('stack-detail')).toBeVisible()

  // Markdown export.
  await page.locator('.pm-export summary').click()
  const [md] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Markdown (.md)' }).click(),
  ])
  const markdown = readFileSync((await md.path())!, 'utf8')
  // Redacted by default, as a share link is.
  expect(markdown).not.toContain('ops@example.com')
  expect(markdown).toContain('paged [email-1]')
  await expect(page.getByTestId('export-status')).toContainText('email ×1')
  expect(markdown).toContain('# cgo crash in the image resizer')
  expect(markdown).toMatch(/See \*\*E1: [^*]+\*\*/)
  expect(markdown).toContain('## Supporting evidence')
  expect(markdown).toContain('This is where it died')
  expect(markdown).not.toContain('#pin=')

  // HTML export: self-contained, with the card and the chart.
  await page.locator('.pm-export summary').click()
  const [html] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'HTML report' }).click(),
  ])
  const report = readFileSync((await html.path())!, 'utf8')
  expect(report).not.toContain('ops@example.com')
  expect(report).toContain('<h1>cgo crash in the image resizer</h1>')
  expect(report).toContain('class="pin-card')
  expect(report).toContain('<svg')
  expect(report).not.toMatch(/<script|<link |src="http/)

  // The team's own copy, as typed.
  await page.locator('.pm-export summary').click()
  await page.getByLabel('Redact secrets').uncheck()
  const [raw] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Markdown (.md)' }).click(),
  ])
  expect(readFileSync((await raw.path())!, 'utf8')).toContain('paged ops@example.com')
  await expect(page.getByTestId('export-status')).toContainText('not redacted')
})

test('a bundle opens in a fresh browser with the same postmortem', async ({ page, browser }) => {
  await openCrash(page)
  await page.getByTestId('pm-title').fill('Bundle round trip')
  await page.locator('.group-row-crashed').click()
  await page.getByTestId('stack-detail').getByTestId('pin-button').click()
  await page.getByLabel('Marker time (UTC)').fill('2024-03-05 14:02:11')
  await page.getByLabel('Marker label').fill('Pager fired')
  await page.getByRole('button', { name: 'Add marker' }).click()
  await page.getByTestId('pm-fill-timeline').click()
  await expect(page.getByLabel('Timeline (Markdown)')).toHaveValue(
    /### 2024-03-05 \(UTC\)\n\n- 14:02:11 \*\*Detection\*\*: Pager fired/,
  )
  await expect(page.getByTestId('postmortem-pane')).toHaveAttribute('data-dirty', 'false')
  await page.locator('.pm-export summary').click()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Bundle with the inputs' }).click(),
  ])
  const bundle = readFileSync((await download.path())!)
  expect(JSON.parse(bundle.toString('utf8'))).toMatchObject({
    format: 'debrief-bundle',
    version: BUNDLE_VERSION,
  })

  const fresh = await browser.newContext()
  const other = await fresh.newPage()
  const errors: string[] = []
  other.on('pageerror', (e) => errors.push(e.message))
  await other.goto('./')
  await dropBytes(other, 'bundle-round-trip.debrief', bundle.toString('base64'))
  await waitForLoadState(other, 'done')
  await expect(other.getByTestId('pm-title')).toHaveValue('Bundle round trip')
  await expect(other.getByLabel('Supporting evidence (Markdown)')).toHaveValue(/#pin=p1/)
  await expect(other.getByTestId('pm-markers')).toContainText('Pager fired')
  await expect(other.getByLabel('Timeline (Markdown)')).toHaveValue(/Pager fired/)
  await other.getByTestId('pm-preview-button').click()
  await expect(other.getByTestId('pm-preview').locator('[data-pin="p1"]').first()).toContainText(
    'crashed',
  )
  expect(errors).toEqual([])
  await fresh.close()
})

test('a damaged bundle is refused with a clear message', async ({ page }) => {
  await page.goto('./')
  const bad = JSON.stringify({
    format: 'debrief-bundle',
    version: 1,
    savedAt: 1,
    inputs: [],
    view: {},
    state: { doc: {} },
  })
  await dropBytes(page, 'broken.debrief', Buffer.from(bad).toString('base64'))
  await waitForLoadState(page, 'error')
  await expect(page.getByRole('alert')).toContainText(
    'broken.debrief: This .debrief file is damaged',
  )
})

test('markdown cannot run script in the preview', async ({ page }) => {
  await openCrash(page)
  await page
    .getByLabel('Summary (Markdown)')
    .fill(
      '<img src=x onerror="window.__pwned=1"> [x](javascript:window.__pwned=2) <script>window.__pwned=3</script> [ok](https://example.com)',
    )
  await page.getByTestId('pm-preview-button').click()
  const preview = page.getByTestId('pm-preview')
  await expect(preview).toContainText('<img src=x')
  await expect(preview.locator('a[href^="javascript"]')).toHaveCount(0)
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined()
  await expect(preview.locator('img, script, [onerror]')).toHaveCount(0)
  await expect(preview.locator('a[href="https://example.com"]')).toHaveAttribute(
    'rel',
    'noopener noreferrer',
  )
})

test('a timeline event, its lines, a brushed range and a flame frame can be pinned too', async ({
  page,
}) => {
  await page.goto('./')
  await page.getByRole('button', { name: /Service log with a quiet restart/ }).click()
  await waitForLoadState(page, 'done')
  const evidence = page.getByLabel('Supporting evidence (Markdown)')

  // An event: focus it in the list, pin it.
  await page.getByRole('tab', { name: 'Timeline' }).click()
  await page.getByTestId('event-row').filter({ hasText: 'error' }).first().click()
  await page.getByTestId('event-actions').getByTestId('pin-button').click()
  await expect(evidence).toHaveValue(/\[E1: [^\]]+\]\(#pin=p1\)/)
  // And its lines, read back from the file.
  await page.getByTestId('event-actions').getByTestId('pin-lines-button').click()
  await expect(evidence).toHaveValue(/#pin=p2/)

  // A range: brush the histogram, pin the selection.
  const traveller = page.getByTestId('event-histogram').locator('.recharts-brush-traveller').first()
  await traveller.scrollIntoViewIfNeeded()
  const box = (await traveller.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + 200, box.y + box.height / 2, { steps: 8 })
  await page.mouse.up()
  await page.getByTestId('timeline').locator('.toolbar').getByTestId('pin-button').click()
  await expect(evidence).toHaveValue(/#pin=p3/)

  // A frame: select it in the flame graph, pin it.
  await page.getByRole('tab', { name: 'Flame' }).click()
  const canvas = page.getByTestId('flame-canvas')
  await canvas.waitFor()
  const c = (await canvas.boundingBox())!
  await canvas.click({ position: { x: c.width / 4, y: 30 } })
  await page.getByTestId('flame-selection').getByTestId('pin-button').click()
  await expect(evidence).toHaveValue(/#pin=p4/)

  // The preview draws a card for each.
  await page.getByTestId('pm-preview-button').click()
  for (const id of ['p1', 'p2', 'p3', 'p4'])
    await expect(page.getByTestId('pm-preview').locator(`[data-pin="${id}"]`).first()).toBeVisible()
  // The lines card shows the text copied from the file.
  await expect(page.getByTestId('pm-preview').locator('[data-pin="p2"]').first()).toContainText(
    'dial tcp',
  )
})
