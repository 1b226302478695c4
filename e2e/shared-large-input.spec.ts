import { createBundle } from '../src/model/notes/bundle'
import { createPostmortemState } from '../src/model/notes/document'
import { encodeShareFragment } from '../src/model/share/share-link'
import { FingerprintHasher, FINGERPRINT_BYTES } from '../src/lib/fingerprint'
import { test, expect, waitForLoadState } from './helpers'

/**
 * A shared postmortem whose input is larger than a browser can hold as one text: the input used
 * to be copied into a bundle's JSON on its way to the parser, and a 560 MB file came out
 * "empty". Built in the page from one shared goroutine body, so the test holds no copy of it.
 */
/** One goroutine: its header (with its own id) and a body that every goroutine shares. */
const header = (id: number) => `goroutine ${id} [chan receive, 3 minutes]:\n`
const body =
  `main.${'worker'.repeat(600)}(0xc000123456)\n\t/src/app/main.go:42 +0x1d\n` +
  'created by main.main in goroutine 1\n\t/src/app/main.go:17 +0x85\n\n'
const goroutines = Math.ceil((560 * 1024 * 1024) / (body.length + header(1).length))
let bytes = goroutines * body.length
for (let id = 1; id <= goroutines; id++) bytes += header(id).length

/** The file's first `FINGERPRINT_BYTES`, as the page builds it. */
function head(): string {
  let text = ''
  for (let id = 1; text.length < FINGERPRINT_BYTES; id++) text += header(id) + body
  return text.slice(0, FINGERPRINT_BYTES)
}

test('a 560 MB input for a shared postmortem opens beside it', async ({ page }) => {
  test.setTimeout(6 * 60_000)
  // The link names the input by the fingerprint of the file the page builds below.
  const hasher = new FingerprintHasher(bytes)
  hasher.update(new TextEncoder().encode(head()))
  const state = createPostmortemState('Workers stuck on a channel')
  expect(bytes).toBeGreaterThan(560 * 1024 * 1024)
  const input = { name: 'workers.txt', bytes, fingerprint: hasher.digest() }
  const view = { activeView: 'stacks', groupMode: { type: 'lines' as const }, search: '' }
  const link = encodeShareFragment(createBundle(state, [input], view, Date.now()))

  await page.goto(`./#${link}`)
  const waiting = page.getByTestId('shared-waiting')
  await expect(waiting).toContainText('workers.txt')
  await waiting.getByTestId('shared-file-input').evaluate(
    (el: HTMLInputElement, { body, goroutines }) => {
      const parts: string[] = []
      for (let id = 1; id <= goroutines; id++)
        parts.push(`goroutine ${id} [chan receive, 3 minutes]:\n`, body)
      const dt = new DataTransfer()
      dt.items.add(new File(parts, 'workers.txt'))
      el.files = dt.files
      el.dispatchEvent(new Event('change', { bubbles: true }))
    },
    { body, goroutines },
  )
  await expect(page.locator('.app')).toHaveAttribute('data-load-state', /^(done|error)$/, {
    timeout: 5 * 60_000,
  })
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('pm-title')).toHaveValue('Workers stuck on a channel')
  await expect(page.getByTestId('group-count')).toHaveText(
    `1 group of ${goroutines.toLocaleString('en-US')}`,
  )
})
