/** Saves a Blob or text under a file name through a temporary link (no server involved). */
export function download(name: string, data: Blob | string, type = 'text/plain'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** `dump.txt` -> `dump-flame`: a base name for exported files. */
export function exportBaseName(sourceName: string | undefined): string {
  const base = (sourceName ?? 'incident').replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '-')
  return `${base || 'incident'}-flame`
}
