import { expect, it } from 'vitest'
import { pathBasename } from './path-basename'

it.each<[string, string]>([
  ['/lib/x86_64-linux-gnu/libz.so.1', 'libz.so.1'],
  ['C:\\Windows\\System32\\ntdll.dll', 'ntdll.dll'],
  ['C:/Users/me/go/src/app/main.go', 'main.go'],
  ['libc.so.6', 'libc.so.6'],
  ['/srv/app/', ''],
])('the last part of %s is %s', (path, base) => {
  expect(pathBasename(path)).toBe(base)
})
