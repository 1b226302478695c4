import { deflateSync } from 'node:zlib'
import { test, expect } from './helpers'

const base64url = (bytes: Buffer) =>
  bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

test('a share link that unpacks to gigabytes is stopped and says which limit it hit', async ({
  page,
}) => {
  // 64 MB of spaces deflate to about 64 KB: the link is short, the content is not.
  const bomb = base64url(deflateSync(Buffer.alloc(64 * 1024 * 1024, 32), { level: 9 }))
  await page.goto(`./#share=1.${bomb}`)
  await expect(page.getByTestId('link-error')).toContainText(
    'unpacks to more than 16 MB, the most Debrief opens from a link',
  )
  await expect(page.locator('.app')).toHaveAttribute('data-load-state', 'idle')
})

test('a share link with a huge title names the field and the limit', async ({ page }) => {
  const bundle = {
    format: 'debrief-bundle',
    version: 2,
    savedAt: 1,
    inputs: [],
    view: { activeView: 'stacks', groupMode: { type: 'lines' }, search: '' },
    state: {
      doc: {
        title: 'x'.repeat(5_000_000),
        severity: '',
        status: 'draft',
        owner: '',
        services: '',
        times: { impactStart: null, detected: null, mitigated: null, resolved: null },
        sections: [],
      },
      pins: [],
      notes: [],
      markers: [],
    },
  }
  const link = base64url(deflateSync(Buffer.from(JSON.stringify(bundle)), { level: 9 }))
  await page.goto(`./#share=1.${link}`)
  await expect(page.getByTestId('link-error')).toContainText('doc.title (characters) has 5,000,000')
})

test('the page answers while a hostile link is decoded, then names the limit it hit', async ({
  page,
}) => {
  // The bundle worker's script is held back, so the decode is in flight for as long as the
  // test needs; decoding on the page itself froze it for 33 s with a 1.5 GB bomb.
  let release: () => void = () => undefined
  const held = new Promise<void>((resolve) => (release = resolve))
  let requested: () => void = () => undefined
  const decoding = new Promise<void>((resolve) => (requested = resolve))
  await page.route('**/decode-bundle.worker-*.js', async (route) => {
    requested()
    await held
    await route.continue()
  })
  const bomb = base64url(deflateSync(Buffer.alloc(64 * 1024 * 1024, 32), { level: 9 }))
  await page.goto(`./#share=1.${bomb}`)
  await decoding
  await expect(page.getByTestId('load-progress')).toContainText('the shared link')
  // A person changes the theme while it decodes: the page answers at once.
  await page.getByTestId('theme-switch').selectOption('dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(page.getByTestId('link-error')).toHaveCount(0)
  release()
  await expect(page.getByTestId('link-error')).toContainText(
    'unpacks to more than 16 MB, the most Debrief opens from a link',
  )
  await expect(page.locator('.app')).toHaveAttribute('data-load-state', 'idle')
})
