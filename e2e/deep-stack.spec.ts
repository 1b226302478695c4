import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect, waitForLoadState, dropFile, parseWithCli } from './helpers'

// gdb's backtrace of a runaway recursion: 100,000 frames in one thread.
const FRAMES = 100_000

test('a stack 100,000 frames deep opens at once and shows its frames a thousand at a time', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'debrief-deep-'))
  const path = join(dir, 'recursion-bt.txt')
  const lines = ['Thread 1 (Thread 0x7f0000000700 (LWP 4242)):']
  for (let i = 0; i < FRAMES - 1; i++)
    lines.push(
      `#${i}  0x000055555555${(0x1000 + (i % 7)).toString(16)} in walk (n=${FRAMES - i}) at tree.c:${10 + (i % 7)}`,
    )
  lines.push(`#${FRAMES - 1}  0x0000555555556000 in main () at tree.c:40`)
  writeFileSync(path, lines.join('\n') + '\n')
  // The command line reads the same depth: one record, every frame.
  expect(parseWithCli(path).records).toBe(1)

  await page.goto('./')
  await dropFile(page, path)
  await waitForLoadState(page, 'done')
  const row = page.getByTestId('group-row').first()
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click()
  const detail = page.getByTestId('stack-detail')
  await expect(detail).toBeVisible()
  const frames = detail.locator('li.frame:not(.frames-hidden)')
  // The leaf end and the root end, with the frames between behind a button.
  await expect(frames).toHaveCount(250)
  await expect(frames.first()).toContainText('walk')
  await expect(frames.last()).toContainText('main')
  const more = page.getByTestId('show-more-frames')
  await expect(more).toHaveText(
    `Show 1,000 more of ${(FRAMES - 250).toLocaleString('en-US')} hidden frames`,
  )
  await more.click()
  await expect(frames).toHaveCount(1250)
  await expect(more).toContainText(`${(FRAMES - 1250).toLocaleString('en-US')} hidden frames`)
})
