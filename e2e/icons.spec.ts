import type { Page } from '@playwright/test'
import { test, expect, waitForLoadState, dropFile } from './helpers'

// An emoji used as an icon is an empty box on a machine without an emoji font (a meeting-room
// PC, a minimal Linux): icons are inline SVG, and no control's text holds a pictograph.
const pictograph = /\p{Extended_Pictographic}/u

/** Every pictograph in the page's visible text and in its controls' names, with where it is. */
async function pictographs(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const found: string[] = [document.body.innerText]
    for (const el of document.querySelectorAll(
      'button, label, summary, [role="tab"], [role="columnheader"], [role="cell"], .badge, h1, h2, h3',
    ))
      found.push(`${el.textContent ?? ''} ${el.getAttribute('aria-label') ?? ''}`)
    return found
  })
  return texts.flatMap((t) => t.split('\n')).filter((line) => pictograph.test(line))
}

test('icons are drawn by the app: no rendered control or label holds an emoji', async ({
  page,
}) => {
  expect(pictograph.test('📌')).toBe(true) // the check can fail

  await page.goto('./')
  await dropFile(page, 'public/examples/go-cgo-sigsegv.txt')
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('postmortem-pane')).toBeVisible()

  // Pin the crashed group and note it; sort the table; add a marker to pin.
  await page.locator('.group-row-crashed').click()
  const detail = page.getByTestId('stack-detail')
  await detail.getByTestId('pin-button').click()
  await expect(detail.getByTestId('pin-button')).toHaveText('Pinned')
  await expect(detail.getByTestId('pin-button').locator('svg.icon')).toHaveCount(1)
  await detail.getByTestId('note-button').click()
  await page.getByLabel('New note on this group').fill('Died here')
  await page.getByRole('button', { name: 'Save note' }).click()
  await expect(page.locator('.note-badge svg.icon').first()).toBeVisible()
  await page.getByRole('columnheader').getByRole('button').first().click()
  await expect(page.locator('.sort-button svg.icon')).toHaveCount(1)
  await page.getByLabel('Marker time (UTC)').fill('2024-03-05 14:02:11')
  await page.getByLabel('Marker label').fill('Pager fired')
  await page.getByRole('button', { name: 'Add marker' }).click()
  await expect(
    page.getByRole('button', { name: 'Pin marker Pager fired' }).locator('svg'),
  ).toHaveCount(1)
  await page.getByRole('button', { name: 'Pin marker Pager fired' }).click()

  expect(await pictographs(page)).toEqual([])
  for (const tab of ['Flame', 'Timeline', 'Stacks']) {
    await page.getByRole('tab', { name: tab }).click()
    expect(await pictographs(page), tab).toEqual([])
  }
  await page.getByTestId('pm-preview-button').click()
  await expect(page.getByTestId('pm-preview')).toBeVisible()
  expect(await pictographs(page)).toEqual([])
})

test('the snapshot steps and the time range chip are drawn icons with names', async ({ page }) => {
  await page.goto('./')
  await dropFile(page, 'src/parse/massif/__fixtures__/massif.out.leaky_cache')
  await waitForLoadState(page, 'done')
  const picker = page.getByRole('group', { name: 'Snapshot' })
  const previous = picker.getByRole('button', { name: 'Previous snapshot' })
  const next = picker.getByRole('button', { name: 'Next snapshot' })
  for (const step of [previous, next]) {
    await expect(step.locator('svg.icon')).toHaveCount(1)
    expect((await step.innerText()).trim()).toBe('')
  }
  const position = await picker.getByTestId('snapshot-position').innerText()
  await previous.click()
  await expect(picker.getByTestId('snapshot-position')).not.toHaveText(position)

  await dropFile(page, 'public/examples/api-service-with-restart.log')
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const traveller = page.getByTestId('event-histogram').locator('.recharts-brush-traveller').first()
  const box = (await traveller.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + 200, box.y + box.height / 2, { steps: 10 })
  await page.mouse.up()
  const chip = page.getByTestId('time-filter').getByRole('button')
  await expect(chip.locator('svg.icon')).toHaveCount(1)
  await expect(chip).toHaveAccessibleName(/^Time range .+; show the whole time range$/)
  expect(await chip.innerText()).not.toMatch(/[×‹›]/)
  await chip.click()
  await expect(page.getByTestId('time-filter')).toHaveCount(0)
})
