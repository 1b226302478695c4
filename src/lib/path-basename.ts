/**
 * The last part of a file path: `/usr/lib/libc.so.6` -> `libc.so.6`. Both `/` and `\` separate
 * parts, as tools on Windows print paths (`C:\Windows\System32\ntdll.dll`).
 */
export function pathBasename(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return slash < 0 ? path : path.slice(slash + 1)
}
