import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { expect, test as base, type Page } from '@playwright/test'

/** Every test fails on an uncaught page error or a console error. */
export const test = base.extend<{ failOnErrors: void }>({
  failOnErrors: [
    async ({ page }, use) => {
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`)
      })
      await use()
      expect(errors).toEqual([])
    },
    { auto: true },
  ],
})
export { expect }

/** Waits for the app's explicit idle signal instead of sleeping. */
export async function waitForLoadState(
  page: Page,
  state: 'done' | 'idle' | 'error' | 'loading',
  timeout?: number,
): Promise<void> {
  await expect(page.locator('.app')).toHaveAttribute('data-load-state', state, { timeout })
}

/**
 * Makes the page report `cores` CPU cores: a large file is split across workers only where
 * a core is left for the page (three or more), so the parallel path is driven on any machine.
 */
export async function pretendCores(page: Page, cores: number): Promise<void> {
  await page.addInitScript(
    `Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => ${cores} })`,
  )
}

/** Opens `paths` through the start page's "Choose files…" button, as a person would. */
export async function chooseFiles(page: Page, paths: string | string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Choose files…' }).click()
  await (await chooser).setFiles(paths)
}

/**
 * A temporary directory for a spec's generated inputs, made before its tests and removed after
 * them. Call at the top of the spec; `path(name)` names a file in it.
 */
export function temporaryDirectory(prefix: string): { path(name: string): string } {
  let dir = ''
  test.beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix))
  })
  test.afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })
  return { path: (name) => join(dir, name) }
}

/**
 * Waits until the page listens for drops: the app's root is drawn in the same task that attaches
 * its drop listeners, so a drop dispatched before it would be lost.
 */
export async function waitForDropTarget(page: Page): Promise<void> {
  await page.locator('.app').waitFor({ state: 'attached' })
}

/** Drops texts as files on the page, in one DataTransfer, as a drag of several files does. */
export async function dropTexts(page: Page, files: { name: string; text: string }[]) {
  await waitForDropTarget(page)
  await page.evaluate((files) => {
    const dt = new DataTransfer()
    for (const f of files) dt.items.add(new File([f.text], f.name))
    for (const type of ['dragenter', 'dragover', 'drop'])
      document.body.dispatchEvent(
        new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }),
      )
  }, files)
}

/** Drops a file on the page through a real DataTransfer, as a drag from the desktop does. */
export async function dropFile(page: Page, path: string, name = basename(path)): Promise<void> {
  const base64 = readFileSync(path).toString('base64')
  await dropBytes(page, name, base64)
}

export async function dropBytes(page: Page, name: string, base64: string): Promise<void> {
  await waitForDropTarget(page)
  const transfer = await page.evaluateHandle(
    ({ name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      const dt = new DataTransfer()
      dt.items.add(new File([bytes], name))
      return dt
    },
    { name, base64 },
  )
  const target = page.locator('body')
  await target.dispatchEvent('dragenter', { dataTransfer: transfer })
  await target.dispatchEvent('dragover', { dataTransfer: transfer })
  await target.dispatchEvent('drop', { dataTransfer: transfer })
}

/** What the command line reads from the same file: the UI must agree with it. */
export function parseWithCli(path: string): {
  records: number
  events: number
  groups: { count: number; frames: string[]; states: string[] }[]
  crash: { kind: string; message: string; signal?: string; details: string[] } | null
} {
  const out = execFileSync('npx', ['tsx', 'src/cli/parse.ts', path, '--json'], { encoding: 'utf8' })
  return JSON.parse(out)
}
