import { readFileSync } from 'node:fs'
import {
  test,
  expect,
  waitForLoadState,
  dropFile,
  parseWithCli,
  dropBytes,
  waitForDropTarget,
  dropTexts,
  chooseFiles,
} from './helpers'

const leakDump = 'public/examples/go-goroutine-leak-dump.txt'
const cgoCrash = 'public/examples/go-cgo-sigsegv.txt'

test('an example opens as grouped stacks that agree with the command line', async ({ page }) => {
  const expected = parseWithCli(leakDump)
  expect(expected.groups.length).toBeGreaterThan(1)
  await page.goto('./')
  await page.getByRole('button', { name: /Goroutine leak/ }).click()
  await waitForLoadState(page, 'done')
  const rows = page.getByTestId('group-row')
  await expect(rows.first().locator('.cell-count')).toHaveText(
    expected.groups[0].count.toLocaleString('en-US'),
  )
  await expect(page.getByTestId('group-count')).toContainText(`${expected.groups.length} groups`)

  // Expand the largest group: its full stack and member ids appear.
  await rows.first().click()
  const detail = page.getByTestId('stack-detail')
  await expect(detail).toBeVisible()
  await expect(detail.locator('.frame-func').first()).toHaveText(expected.groups[0].frames[0])
  await expect(detail.locator('.member-ids')).toContainText('ids:')

  // Search narrows the groups to those passing through a function.
  const needle = expected.groups[1].frames.find((f) => !expected.groups[0].frames.includes(f))
  if (needle) {
    await page.getByTestId('group-search').fill(needle)
    await expect(page.getByTestId('group-count')).toContainText(' of ')
    await expect(rows.first()).toContainText(String(expected.groups[1].count))
  }
})

test('a dropped crash shows what happened above the table', async ({ page }) => {
  const expected = parseWithCli(cgoCrash)
  expect(expected.crash).not.toBeNull()
  await page.goto('./')
  await dropFile(page, cgoCrash)
  await waitForLoadState(page, 'done')
  const summary = page.getByTestId('crash-summary')
  await expect(summary).toContainText(expected.crash!.message)
  if (expected.crash!.signal) await expect(summary).toContainText(expected.crash!.signal)
  await expect(page.locator('.group-row-crashed')).toHaveCount(1)
})

test('the file button and paste open inputs too', async ({ page }) => {
  await page.goto('./')
  await chooseFiles(page, cgoCrash)
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('group-row').first()).toBeVisible()

  await page.evaluate(() => {
    const dt = new DataTransfer()
    dt.setData(
      'text/plain',
      'goroutine 7 [chan receive, 3 minutes]:\nmain.worker()\n\t/app/main.go:12 +0x1d\n',
    )
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }))
  })
  await waitForLoadState(page, 'done')
  await expect(page.locator('.app-title')).toContainText('pasted.txt')
  await expect(page.getByTestId('group-row')).toHaveCount(1)
  await expect(page.getByTestId('group-row')).toContainText('chan receive')
})

test('bad input gets a clear message and the page keeps working', async ({ page }) => {
  await page.goto('./')
  await dropBytes(page, 'empty.txt', '')
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('empty-reasons')).toContainText('no lines were read')

  const png = Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
  ]).toString('base64')
  await dropBytes(page, 'screenshot.png', png)
  await waitForLoadState(page, 'done')
  await expect(page.locator('.message-warning')).toContainText('binary file (a PNG image)')

  await dropBytes(
    page,
    'notes.txt',
    Buffer.from('just some words\nnothing to see\n').toString('base64'),
  )
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('empty-reasons')).toContainText('just some words')

  await dropFile(page, cgoCrash)
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('group-row').first()).toBeVisible()
})

test('a long parse shows progress and can be cancelled', async ({ page }) => {
  await page.goto('./')
  await waitForDropTarget(page)
  // About 200 MB of goroutines, built from one repeated part so the test holds no copy of it.
  await page.evaluate(() => {
    let part = ''
    for (let i = 0; i < 2000; i++) {
      part += `goroutine ${i + 1} [semacquire, 27 minutes]:\nsync.runtime_Semacquire(0xc000012345?)\n\truntime/sema.go:62 +0x25\nnet.lookupIPDeadline({0xc0000a2000, 0x1a}, 0x0?)\n\tnet/lookup.go:101 +0x1a5\n\n`
    }
    const blob = new Blob(Array.from({ length: 500 }, () => part))
    const dt = new DataTransfer()
    dt.items.add(new File([blob], 'huge-dump.txt'))
    document.body.dispatchEvent(
      new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
    )
  })
  await waitForLoadState(page, 'loading')
  await expect(page.getByTestId('load-progress')).toContainText(
    /Reading huge-dump\.txt: [\d.]+ [KMG]?B of [\d.]+ MB/,
  )
  await expect(page.getByTestId('load-progress')).not.toContainText('(0%)', { timeout: 20_000 })
  await page.getByRole('button', { name: 'Cancel' }).click()
  await waitForLoadState(page, 'idle')
  await expect(page.getByTestId('dropzone')).toBeVisible()
})

test('a leak report lists its stacks largest bytes first, without an empty State column', async ({
  page,
}) => {
  await page.goto('./')
  await dropFile(page, 'src/parse/memleak/__fixtures__/bcc-memleak_example.txt')
  await waitForLoadState(page, 'done')
  // The run of `memleak` on the kernel's allocators: four stacks in its first snapshot.
  const picker = page.getByLabel('Snapshot shown')
  const kernel = picker.locator('option', { hasText: '(no header)' }).first()
  await picker.selectOption((await kernel.getAttribute('value'))!)
  const bytes = await page.getByTestId('group-row').locator('.cell-bytes').allTextContents()
  expect(bytes.length).toBeGreaterThan(3)
  const parsed = bytes.map((b) => {
    const [n, unit] = b.trim().split(/\s+/)
    return Number(n) * ({ B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[unit] ?? NaN)
  })
  expect(parsed).toEqual([...parsed].sort((a, b) => b - a))
  await expect(page.getByRole('columnheader', { name: 'State' })).toHaveCount(0)
  await expect(page.getByRole('columnheader', { name: /Bytes/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  )
})

// Seed 004: bcc memleak printed `0 bytes in 6261 allocations`, the clue that sizes were not
// traced; with every group at 0 B the Bytes column was left out and the clue with it.
test('a leak tool that printed 0 bytes shows them', async ({ page }) => {
  const path = 'src/parse/memleak/__fixtures__/seed004-zookeeper-symbolized-o5000.txt'
  const [, bytes, allocations] = /^\s*(\d+) bytes in (\d+) allocations from stack$/m
    .exec(readFileSync(path, 'utf8'))!
    .map(Number)
  await page.goto('./')
  await dropFile(page, path)
  await waitForLoadState(page, 'done')
  await expect(page.getByRole('columnheader', { name: /Bytes/ })).toBeVisible()
  const row = page.getByTestId('group-row').first()
  await expect(row.locator('.cell-bytes')).toHaveText(`${bytes} B`)
  await expect(row).toContainText(allocations.toLocaleString('en-US'))
})

// heaptrack reports two moments, the peak and the end of the run: a stack's share of the peak
// added to its leaked bytes read as neither of heaptrack's figures.
test('a heaptrack file opens at the end of the run, its peak a snapshot of its own', async ({
  page,
}) => {
  const path = 'src/parse/heaptrack/__fixtures__/heaptrack.david.18594.gz'
  const details = parseWithCli(path).crash!.details.join('\n')
  const peak = Number(/^peak heap memory consumption: .* \((\d+) bytes\)$/m.exec(details)![1])
  const [, leaked, allocations] = /^total memory leaked: (\d+) bytes in (\d+) allocations$/m
    .exec(details)!
    .map(Number)
  await page.goto('./')
  await dropFile(page, path)
  await waitForLoadState(page, 'done')
  const picker = page.getByRole('combobox', { name: 'Snapshot shown' })
  const n = (x: number) => x.toLocaleString('en-US')
  await expect(picker.locator('option')).toHaveText([
    new RegExp(`^at the peak — ${n(peak)} B in `),
    `at the end — ${n(leaked)} B in ${n(allocations)} allocations`,
  ])
  await expect(picker).toHaveValue('1')
  const states = page.getByTestId('group-row').locator('.cell-state')
  await expect(states.first()).toHaveText('leaked')
  await picker.selectOption('0')
  await expect(states.first()).toContainText('peak')
})

test('a file of several memleak runs shows one run at a time, its counts alone', async ({
  page,
}) => {
  const file = 'src/parse/memleak/__fixtures__/bcc-memleak_example.txt'
  // The command line's view of the same moment: the chosen snapshot and its total.
  const cli = parseWithCli(file) as unknown as {
    totals: { count: number }
    snapshot: number
    snapshots: { count: number }[]
  }
  const runs = readFileSync(file, 'utf8').match(/^Attaching to/gm)!.length
  expect(cli.totals.count).toBe(cli.snapshots[cli.snapshot].count)
  await page.goto('./')
  await dropFile(page, file)
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('group-count')).toContainText(
    `of ${cli.totals.count.toLocaleString('en-US')}`,
  )
  // The table is the chosen snapshot's alone, and the note names its run among the file's.
  const position = page.getByTestId('snapshot-position')
  await expect(position).toContainText('counts are of this snapshot alone')
  await expect(position).toContainText(new RegExp(`run \\d+ of ${runs}`))
  await expect(page.getByLabel('Snapshot shown').locator('option:checked')).toContainText(
    `in ${cli.snapshots[cli.snapshot].count} allocations`,
  )
})

test('rows that would read alike name the caller where their stacks part', async ({ page }) => {
  const file = 'src/parse/valgrind/__fixtures__/issue-hed-7-memcheck-3.19-records.txt'
  // Loss records whose stacks pass `buff_create (buff.c:16)`, and the caller under it in each.
  const callers = [
    ...readFileSync(file, 'utf8').matchAll(
      /buff_create \(buff\.c:16\)\n==\d+==\s+by 0x\w+: (\w+) \((\S+)\)/g,
    ),
  ].map((m) => `via ${m[1]} ${m[2]}`)
  expect(callers.length).toBeGreaterThan(1)
  await page.goto('./')
  await dropFile(page, file)
  await waitForLoadState(page, 'done')
  const parting = page.getByTestId('group-parting')
  await expect(parting).toHaveCount(callers.length)
  const shown = (await parting.allTextContents()).map((t) => t.replace(/^.* · /, ''))
  expect(shown.sort()).toEqual(callers.sort())
})

test('a log without stacks says so on the Stacks tab and points to its events', async ({
  page,
}) => {
  const lines = Array.from(
    { length: 7 },
    (_, i) => `2026-03-14T00:00:0${i}.000Z INFO request ${i} served`,
  )
  await page.goto('/')
  await dropTexts(page, [{ name: 'service.log', text: lines.join('\n') + '\n' }])
  await expect(page.locator('.app')).toHaveAttribute('data-load-state', 'done')
  // It opens on the Timeline; the Stacks tab, when asked, says why it is empty.
  await expect(page.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true')
  await page.getByRole('tab', { name: 'Stacks' }).click()
  // Seven dated lines, seven events; no record, so no search could be the reason.
  await expect(page.getByText(`its ${lines.length} events are in the Timeline`)).toBeVisible()
  await expect(page.getByText('No group matches the search.')).toHaveCount(0)
})

test('a log of one event says so in the singular (seed 003: one status line)', async ({ page }) => {
  await page.goto('/')
  await dropTexts(page, [
    { name: 'status.log', text: '2026-03-14T00:00:00.000Z INFO goroutines=9 cgo=40\n' },
  ])
  await expect(page.locator('.app')).toHaveAttribute('data-load-state', 'done')
  await page.getByRole('tab', { name: 'Stacks' }).click()
  await expect(page.getByText('its 1 event is in the Timeline')).toBeVisible()
})

/** The distinct argument lists of the goroutines whose stack calls `frames` (leaf first). */
function distinctArgumentLists(text: string, frames: readonly string[]): number {
  const lists = new Set<string>()
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n')
    const head = lines.findIndex((l) => /^goroutine \d+ \[/.test(l))
    if (head === -1) continue
    const calls = lines
      .slice(head + 1)
      .filter((l) => l !== '' && !l.startsWith('\t') && !l.startsWith('created by '))
    const funcs = calls.map((l) => l.slice(0, l.lastIndexOf('(')))
    if (funcs.join('\n') === frames.join('\n')) lists.add(calls.join('\n'))
  }
  return lists.size
}

test('a group says how many distinct argument lists it holds, or that it stopped counting', async ({
  page,
}) => {
  // 1,919 goroutines waiting in one call, each with its own pointers: far past the count kept.
  const churn = 'src/parse/go/__fixtures__/local-go119-gen-dump-n2000-churn.txt'
  const [top] = parseWithCli(churn).groups
  const lists = distinctArgumentLists(readFileSync(churn, 'utf8'), top.frames)
  expect(lists).toBeGreaterThan(1000)
  await page.goto('./')
  await dropFile(page, churn)
  await waitForLoadState(page, 'done')
  await page.getByTestId('group-row').first().click()
  await expect(page.getByTestId('stack-detail')).toContainText(
    '1,000 or more distinct argument lists in this group',
  )

  // Under the count kept, the figure is the input's own: the next group, of 20 workers.
  const groups = parseWithCli(churn).groups
  const few = groups.findIndex((g) => g.count > 1 && g.count < 1000)
  const exact = distinctArgumentLists(readFileSync(churn, 'utf8'), groups[few].frames)
  await page.getByTestId('group-row').first().click()
  await page.getByTestId('group-row').nth(few).click()
  const detail = page.getByTestId('stack-detail')
  if (exact > 1)
    await expect(detail).toContainText(
      `${exact.toLocaleString('en-US')} distinct argument lists in this group`,
    )
  else await expect(detail).not.toContainText('distinct argument lists')
})
