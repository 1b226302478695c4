import type { CDPSession, Page } from '@playwright/test'
import { test, expect, waitForLoadState, waitForDropTarget, pretendCores } from './helpers'

/**
 * Cancelling and re-loading many times leaves no worker running and no memory behind: the
 * page's heap (with its ArrayBuffers, where the model's tables live) after the tenth load is
 * about what it was after the first.
 */

/**
 * Drops a dump built in the page from one 400 KB part of 2,000 goroutines repeated `copies`
 * times (the test holds no copy of it).
 */
async function dropDump(page: Page, name: string, copies: number): Promise<void> {
  await waitForDropTarget(page)
  await page.evaluate(
    ({ name, copies }) => {
      let part = ''
      for (let i = 0; i < 2000; i++) {
        part += `goroutine ${i + 1} [semacquire, 27 minutes]:\nsync.runtime_Semacquire(0xc000012345?)\n\truntime/sema.go:62 +0x25\nnet.lookupIPDeadline({0xc0000a2000, 0x1a}, 0x0?)\n\tnet/lookup.go:101 +0x1a5\n\n`
      }
      const dt = new DataTransfer()
      dt.items.add(
        new File(
          Array.from({ length: copies }, () => part),
          name,
        ),
      )
      document.body.dispatchEvent(
        new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
      )
    },
    { name, copies },
  )
}

/** Heap in use after a full collection, ArrayBuffers included. */
async function retainedBytes(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const usage = (await cdp.send('Runtime.getHeapUsage')) as {
    usedSize: number
    backingStorageSize?: number
  }
  return usage.usedSize + (usage.backingStorageSize ?? 0)
}

/** Counts the workers the app creates and the ones it terminates. */
const COUNT_WORKERS = `
  globalThis.__workers = { created: 0, terminated: 0 }
  globalThis.Worker = class extends Worker {
    constructor(...args) { super(...args); globalThis.__workers.created++ }
    terminate() { globalThis.__workers.terminated++; super.terminate() }
  }
`

/**
 * Every worker the app started has been told to end, and the browser has ended it (Chromium
 * takes up to two seconds to stop a worker that is busy parsing, hence the wait).
 */
async function expectNoWorkers(page: Page): Promise<void> {
  const counts = await page.evaluate(
    () =>
      (globalThis as unknown as { __workers: { created: number; terminated: number } }).__workers,
  )
  expect(counts.created).toBeGreaterThan(0)
  expect(counts.terminated).toBe(counts.created)
  await expect.poll(() => page.workers().length, { timeout: 10_000 }).toBe(0)
}

test('cancelling and re-loading many times leaks neither workers nor memory', async ({ page }) => {
  test.setTimeout(5 * 60_000)
  await page.addInitScript(COUNT_WORKERS)
  // Several workers per large dump, as on a machine with cores to spare.
  await pretendCores(page, 4)
  const cdp = await page.context().newCDPSession(page)
  await page.goto('./')
  // 100,000 goroutines: a model of several megabytes, so keeping old ones would show.
  const loadMediumDump = async (name: string) => {
    await dropDump(page, name, 50)
    await waitForLoadState(page, 'done')
    await expect(page.getByRole('heading', { level: 1 })).toContainText(name)
  }

  // Baseline: one whole load.
  await loadMediumDump('medium-0.txt')
  await expectNoWorkers(page)
  const afterFirstLoad = await retainedBytes(cdp)

  for (let round = 0; round < 10; round++) {
    // A large dump, cancelled while its workers are busy.
    await dropDump(page, `large-${round}.txt`, 500)
    await waitForLoadState(page, 'loading')
    await expect.poll(() => page.workers().length).toBeGreaterThan(0)
    await expect(page.getByTestId('load-progress')).not.toContainText('(0%)', { timeout: 20_000 })
    await page.getByRole('button', { name: 'Cancel' }).click()
    // Cancelling keeps what was open before.
    await waitForLoadState(page, 'done')
    await expectNoWorkers(page)
    // Another dump, read to the end.
    await loadMediumDump(`medium-${round + 1}.txt`)
    await expectNoWorkers(page)
  }

  await expect(page.getByTestId('group-row').first()).toBeVisible()
  const afterTenRounds = await retainedBytes(cdp)
  // Half a model's worth of slack; ten kept models, or a kept 200 MB read, would exceed it.
  expect(afterTenRounds).toBeLessThan(afterFirstLoad * 1.5)
})
