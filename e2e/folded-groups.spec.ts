import { execFileSync } from 'node:child_process'
import { test, expect, waitForLoadState, chooseFiles, temporaryDirectory } from './helpers'

/**
 * The Stacks table of generated folded stacks (bench/gen-folded.ts, the benchmark's shape:
 * most lines a stack of their own, some repeated) reads as awk reads the file: as many
 * groups as distinct stacks, the values summed, and the largest groups first.
 */
const LINES = 60_000

const inputs = temporaryDirectory('debrief-folded-')
const path = () => inputs.path('generated.folded')

test.beforeAll(() => {
  execFileSync('npx', ['tsx', 'bench/gen-folded.ts', path(), String(LINES)])
})

/** Each distinct stack's summed value, largest first, as `count<TAB>stack` lines. */
function awkGroups(): { count: number; stack: string }[] {
  const out = execFileSync(
    'sh',
    [
      '-c',
      `awk '{ v = $NF; $NF = ""; sum[$0] += v } END { for (s in sum) print sum[s] "\\t" s }' "$1" | sort -t '\t' -k1,1nr`,
      'sh',
      path(),
    ],
    { encoding: 'utf8', maxBuffer: 256 << 20 },
  )
  return out
    .trim()
    .split('\n')
    .map((line) => {
      const [count, stack] = line.split('\t')
      return { count: Number(count), stack: stack.trim() }
    })
}

test('generated folded stacks: groups, total and first rows as awk counts them', async ({
  page,
}) => {
  test.setTimeout(3 * 60_000)
  const groups = awkGroups()
  const total = groups.reduce((n, g) => n + g.count, 0)
  expect(groups.length).toBeGreaterThan(LINES / 2)
  await page.goto('./')
  await chooseFiles(page, path())
  await waitForLoadState(page, 'done', 2 * 60_000)
  await expect(page.getByTestId('group-count')).toHaveText(
    `${groups.length.toLocaleString('en-US')} groups of ${total.toLocaleString('en-US')}`,
  )
  const rows = page.getByTestId('group-row')
  await expect(rows.nth(9)).toBeVisible()
  const counts = await rows.locator('.cell-count').allTextContents()
  expect(counts.slice(0, 10).map((c) => Number(c.replace(/,/g, '')))).toEqual(
    groups.slice(0, 10).map((g) => g.count),
  )
  // The largest group, when no other has its count, is named by a frame of its stack.
  if (groups[0].count > groups[1].count) {
    const name = await rows.first().locator('.func').textContent()
    expect(groups[0].stack.split(';')).toContain(name?.replace(/\u200b/g, ''))
  }
})
