import { test, expect, waitForLoadState, dropFile } from './helpers'

const leakDump = 'public/examples/go-goroutine-leak-dump.txt'
// Long enough that the regexes below would backtrack for minutes if they ran.
const bait = 'a'.repeat(40) + '!'

test('a #q= or #find= link with a backtracking regex is refused, not run', async ({ page }) => {
  await page.goto(`./#q=${encodeURIComponent('/(a+)+$/')}&find=${encodeURIComponent('/(a+)+$/')}`)
  await dropFile(page, leakDump)
  await waitForLoadState(page, 'done')
  await expect(page.locator('.toolbar [role="alert"]').first()).toContainText(
    'This regex was not run',
  )
  // The tab answers: switching views and searching again work.
  await page.getByRole('tab', { name: 'Flame' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'This regex was not run' })).toBeVisible()
  await page.getByRole('tab', { name: 'Stacks' }).click()
  const search = page.getByPlaceholder(/function, file, package or state/)
  await search.fill('/(\\w+\\s?)*$/')
  await expect(page.getByRole('alert').filter({ hasText: 'repeats a group' })).toBeVisible()
  await search.fill(bait)
  await search.fill('/main\\.watchdog/')
  await expect(page.locator('.group-row').first()).toBeVisible()
})
