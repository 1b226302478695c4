import { readFileSync } from 'node:fs'
import { test, expect, waitForLoadState, dropFile, parseWithCli } from './helpers'

/**
 * Linux `perf script` output dropped as a person would: every sample in the flame graph, the
 * samples grouped by thread and by process, with figures counted from the file itself.
 */

const PERF = 'src/parse/perf/__fixtures__/threads-fp.perf.txt'

/** The sample headers (`comm pid/tid time: period event:`), as `grep -c` would count them. */
function headers(): { comm: string; pid: string; tid: string }[] {
  return readFileSync(PERF, 'utf8')
    .split('\n')
    .map((l) => /^\s*(.+?)\s+(\d+)\/(\d+)\s+\d+\.\d{6}: /.exec(l))
    .filter((m) => m !== null)
    .map(([, comm, pid, tid]) => ({ comm, pid, tid }))
}

test('perf samples draw one flame graph and group by thread and by process', async ({ page }) => {
  const samples = headers()
  const threads = new Set(samples.map((s) => `comm=${s.comm}, pid=${s.pid}, tid=${s.tid}`))
  const processes = new Set(samples.map((s) => s.pid))
  const hasher = samples.filter((s) => s.comm === 'hasher').length
  expect(samples.length).toBe(parseWithCli(PERF).records)

  await page.goto('./')
  await dropFile(page, PERF)
  await waitForLoadState(page, 'done')
  await expect(page.getByRole('region', { name: 'Inputs' })).toContainText('perf')
  const count = page.getByTestId('group-count')
  await expect(count).toContainText(`groups of ${samples.length}`)

  // By thread: one group per comm, pid and tid, named so.
  const mode = page.getByTestId('group-mode')
  await mode.selectOption('labels')
  await expect(count).toHaveText(groupsOf(threads.size, samples.length))
  const rows = page.getByTestId('group-row')
  const hasherRow = rows.filter({ hasText: 'comm=hasher' })
  await expect(hasherRow).toHaveCount(1)
  await expect(hasherRow).toContainText(String(hasher))
  // By process: the menu offers each label key the samples carry.
  await mode.selectOption('label:pid')
  await expect(count).toHaveText(groupsOf(processes.size, samples.length))
  await expect(rows.first()).toContainText(`pid=${samples[0].pid}`)

  // The flame graph: "all" holds every sample; the period is a weight of its own.
  await page.getByRole('tab', { name: 'Flame' }).click()
  const weight = page.getByTestId('flame-weight')
  await expect(weight.locator('option', { hasText: 'cpu-clock (nanoseconds)' })).toHaveCount(1)
  const box = (await page.getByTestId('flame-canvas').boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + 9)
  const tooltip = page.getByTestId('flame-tooltip')
  await expect(tooltip).toContainText('all')
  await expect(tooltip).toContainText(`${samples.length} (100%)`)
})

test('a group pinned while grouped by process survives a reload', async ({ page }) => {
  await page.goto('./')
  await dropFile(page, PERF)
  await waitForLoadState(page, 'done')
  await page.getByTestId('group-mode').selectOption('label:pid')
  await page.getByTestId('pm-title').fill('hasher saturates a core')
  await page.getByTestId('group-row').first().click()
  await page.getByTestId('stack-detail').getByTestId('pin-button').click()
  const evidence = page.getByLabel('Supporting evidence (Markdown)')
  await expect(evidence).toHaveValue(/^- \[E1: .+\]\(#pin=p1\)$/)
  await expect(page.getByTestId('postmortem-pane')).toHaveAttribute('data-dirty', 'false')

  // A pin made in a label mode was refused when read back, and the saved postmortem with it.
  await page.reload()
  await dropFile(page, PERF)
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('pm-title')).toHaveValue('hasher saturates a core')
  await expect(page.getByLabel('Supporting evidence (Markdown)')).toHaveValue(
    /^- \[E1: .+\]\(#pin=p1\)$/,
  )
})

/** The Stacks toolbar's count: `3 groups of 120`, `1 group of 120`. */
function groupsOf(groups: number, records: number): string {
  return `${groups} group${groups === 1 ? '' : 's'} of ${records}`
}
