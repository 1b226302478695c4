import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { readCsv } from '../src/test/read-csv'
import { dropFile, expect, test, waitForLoadState } from './helpers'

// Hand-off to trackers: each action item as a filled-in GitHub issue form (for a repository
// the team names), all of them as a Jira CSV, and any group as a Markdown block for a ticket.

const crash = 'public/examples/go-cgo-sigsegv.txt'
const leak = 'public/examples/go-goroutine-leak-dump.txt'

/** Opens the crash, titles the postmortem, pins the crashed group and writes two action items. */
async function writeActionItems(page: Page) {
  await page.goto('./')
  await dropFile(page, crash)
  await waitForLoadState(page, 'done')
  const pane = page.getByTestId('postmortem-pane')
  // The pane starts open on a wide screen and closed under 1400 px.
  const toggle = page.locator('.tab-pane-toggle')
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click()
  await page.getByTestId('pm-title').fill('cgo crash in the image resizer')
  await page.locator('.group-row-crashed').click()
  await page.getByTestId('stack-detail').getByTestId('pin-button').click()
  await pane.getByRole('button', { name: 'Add action item' }).click()
  await pane.getByRole('button', { name: 'Add action item' }).click()
  await pane.getByLabel('What of item 1').fill('Check C.resize() for NULL & retry #2 +fast')
  await pane.getByLabel('Owner of item 1').fill('ops@example.com')
  await pane.getByLabel('What of item 2').fill('=HYPERLINK("http://evil")')
  await pane.getByLabel('Due of item 2').fill('2026-12-20')
  await expect(pane).toHaveAttribute('data-dirty', 'false')
  return pane
}

test('each action item links to a filled-in GitHub issue for the named repository', async ({
  page,
}) => {
  const pane = await writeActionItems(page)
  await expect(pane.getByTestId('issue-link')).toHaveCount(0)
  await pane.getByTestId('issue-repo').fill('not a repo')
  await expect(pane.getByTestId('issue-repo')).toHaveAttribute('aria-invalid', 'true')
  await pane.getByTestId('issue-repo').fill('https://github.com/acme/image-resizer')
  const links = pane.getByTestId('issue-link')
  await expect(links).toHaveCount(2)
  await expect(links.first()).toHaveAttribute('target', '_blank')
  await expect(links.first()).toHaveAttribute('rel', 'noopener noreferrer')

  const href = (await links.first().getAttribute('href'))!
  const url = new URL(href)
  expect(`${url.origin}${url.pathname}`).toBe('https://github.com/acme/image-resizer/issues/new')
  // Encoded as URI components: a raw `&`, `#` or `+` would cut or change the text.
  expect(url.search).not.toMatch(/[#+ ]/)
  expect(url.searchParams.get('title')).toBe('Check C.resize() for NULL & retry #2 +fast')
  const body = url.searchParams.get('body')!
  expect(body).toContain('postmortem of “cgo crash in the image resizer”')
  expect(body).toMatch(/Evidence pinned in the postmortem:\n- E1: /)
  // Redacted as exports are (the default), so the owner's address is not in the link.
  expect(body).toContain('**Owner:** [email-1]')
  expect(href).not.toContain('example.com')

  // The repository is kept in this browser.
  await page.reload()
  await dropFile(page, crash)
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('issue-repo')).toHaveValue('https://github.com/acme/image-resizer')
  await expect(page.getByTestId('issue-link')).toHaveCount(2)
})

test('action items download as a Jira CSV that reads back, formulas guarded', async ({ page }) => {
  const pane = await writeActionItems(page)
  await pane.locator('.pm-export summary').click()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Action items (Jira CSV)' }).click(),
  ])
  expect(download.suggestedFilename()).toBe('cgo-crash-in-the-image-resizer-action-items.csv')
  const rows = readCsv(readFileSync((await download.path())!, 'utf8'))
  expect(rows[0]).toEqual([
    'Summary',
    'Description',
    'Issue Type',
    'Priority',
    'Labels',
    'Due Date',
    'Assignee',
  ])
  expect(rows).toHaveLength(3)
  expect(rows[1][0]).toBe('Check C.resize() for NULL & retry #2 +fast')
  expect(rows[1][6]).toBe('[email-1]')
  expect(rows[2][0]).toBe(`'=HYPERLINK("http://evil")`)
  expect(rows[2][5]).toBe('2026-12-20')
  expect(rows.slice(1).every((r) => r[2] === 'Task' && r[4].startsWith('postmortem'))).toBe(true)
  await expect(page.getByTestId('export-status')).toContainText('action-items.csv')
})

/** Goroutine blocks of a dump: header line, and the `file:line` of each frame, leaf first. */
function goroutines(text: string) {
  return text.split(/\n\s*\n/).flatMap((block) => {
    const header = /^goroutine \d+ \[([^\],]+)/m.exec(block)
    if (!header) return []
    // The location under `created by` is where the goroutine was started, not one of its frames.
    const own = block.split(/^created by /m)[0]
    const locations = [...own.matchAll(/^\t(\S+:\d+)/gm)].map((m) => m[1])
    return [{ state: header[1], locations }]
  })
}

test('a group copies as a Markdown block whose count is the dump’s own', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto('./')
  await dropFile(page, leak)
  await waitForLoadState(page, 'done')
  await page.getByTestId('group-row').first().click()
  const detail = page.getByTestId('stack-detail')
  await detail.getByTestId('copy-markdown').click()
  await expect(detail.getByTestId('copy-markdown')).toHaveText('Markdown copied')
  const markdown = await page.evaluate(() => navigator.clipboard.readText())

  const lines = markdown.split('\n')
  const open = lines.findIndex((l) => l.startsWith('```'))
  const stack = lines
    .slice(open + 1, lines.indexOf('```', open + 1))
    .filter((l) => !l.startsWith('created by'))
  const leafFirst = stack.map((l) => l.split(/\s{2}/)[1])
  // Counted in the text: goroutines whose frames are these, in this order.
  const members = goroutines(readFileSync(leak, 'utf8')).filter(
    (g) =>
      g.locations.length === leafFirst.length &&
      leafFirst.every((loc, i) => g.locations[i].endsWith(loc)),
  )
  expect(members.length).toBeGreaterThan(1000)
  expect(lines[0]).toMatch(
    new RegExp(`^\\*\\*${members.length.toLocaleString('en-US')} goroutines\\*\\* in `),
  )
  const state = members[0].state
  const inState = members.filter((g) => g.state === state).length
  expect(markdown).toContain(`${state} ×${inState.toLocaleString('en-US')}`)
  expect(lines[1]).toMatch(
    new RegExp(`^Read from ${leak.split('/').pop()!.replace(/\./g, '\\.')} lines `),
  )
})

/** Elements of the hand-off controls whose content is wider than their box. */
async function cutControls(page: Page): Promise<string[]> {
  return page
    .locator(
      '.pm-issues, .pm-issues *, .pm-actions-table td, .pm-export-menu, .pm-export-menu *, .item-actions, .item-actions *',
    )
    .evaluateAll((elements) =>
      elements
        .filter((e) => (e as HTMLElement).offsetParent !== null)
        // A title cut with an ellipsis on purpose, its whole text in the link's tooltip.
        .filter((e) => getComputedStyle(e).textOverflow !== 'ellipsis')
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map((e) => `${e.tagName}.${e.className}: ${e.textContent?.slice(0, 40)}`),
    )
}

for (const screen of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`the hand-off controls fit at ${screen.width}x${screen.height}`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize(screen)
    const pane = await writeActionItems(page)
    await pane.getByTestId('issue-repo').fill('acme/image-resizer')
    await expect(pane.getByTestId('issue-link')).toHaveCount(2)
    await pane.getByTestId('issue-repo').scrollIntoViewIfNeeded()
    await page.screenshot({ path: testInfo.outputPath(`actions-${screen.width}.png`) })
    expect(await cutControls(page)).toEqual([])
    // The issue links sit inside the pane, not past its edge.
    const paneBox = (await pane.boundingBox())!
    for (const link of await pane.getByTestId('issue-link').all()) {
      const box = (await link.boundingBox())!
      expect(box.x + box.width).toBeLessThanOrEqual(paneBox.x + paneBox.width)
    }

    await pane.locator('.pm-export summary').click()
    await page.screenshot({ path: testInfo.outputPath(`export-menu-${screen.width}.png`) })
    expect(await cutControls(page)).toEqual([])
    await pane.locator('.pm-export summary').click()
    await page.locator('.group-row-crashed').scrollIntoViewIfNeeded()
    await page.screenshot({ path: testInfo.outputPath(`stack-detail-${screen.width}.png`) })
    expect(await cutControls(page)).toEqual([])
  })
}
