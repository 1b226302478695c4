import { readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * A format's fixtures: the files of the `__fixtures__` folder beside its tests (`testDir`) that
 * end with one of `extensions`, and the path of one by name.
 */
export function formatFixtures(
  testDir: string,
  extensions: readonly string[] = ['.txt'],
): { names: string[]; path(name: string): string } {
  const dir = join(testDir, '__fixtures__')
  return {
    names: readdirSync(dir).filter((f) => extensions.some((e) => f.endsWith(e))),
    path: (name) => join(dir, name),
  }
}
