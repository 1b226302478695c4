import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/**
 * Everything shipped in the app (the lockfile's packages that are not dev-only) is under a
 * licence that lets Debrief be distributed under MIT: permissive licences only, no copyleft
 * that would bind the whole bundle. An SPDX `A OR B` is fine when one side is; `A AND B`
 * needs both.
 */
const PERMISSIVE = new Set([
  'MIT',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'Apache-2.0',
  '0BSD',
  'Unlicense',
  'CC0-1.0',
])

function isPermissive(expression: string): boolean {
  return expression
    .replace(/[()]/g, '')
    .split(/\s+OR\s+/)
    .some((alternative) => alternative.split(/\s+AND\s+/).every((id) => PERMISSIVE.has(id.trim())))
}

type LockPackage = { dev?: boolean; devOptional?: boolean; license?: string }

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, LockPackage>
}
const shipped = Object.entries(lock.packages).filter(
  ([path, p]) => path !== '' && !p.dev && !p.devOptional,
)

describe('licences of what the app ships', () => {
  it('reads SPDX expressions', () => {
    expect(isPermissive('MIT')).toBe(true)
    expect(isPermissive('(MPL-2.0 OR Apache-2.0)')).toBe(true)
    expect(isPermissive('MIT AND ISC AND BSD-3-Clause')).toBe(true)
    expect(isPermissive('GPL-3.0-only')).toBe(false)
    expect(isPermissive('MIT AND GPL-2.0')).toBe(false)
    expect(isPermissive('')).toBe(false)
  })

  it('are all permissive', () => {
    expect(shipped.length).toBeGreaterThan(20)
    const refused = shipped
      .filter(([, p]) => !isPermissive(p.license ?? ''))
      .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')}: ${p.license ?? 'no licence'}`)
    expect(refused).toEqual([])
  })
})
