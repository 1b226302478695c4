/**
 * The loaded files, kept on the main thread (outside React state: Blobs are not data to
 * render) so views can read a few lines back through the source's line index.
 */
let blobs: readonly Blob[] = []

export function setSourceBlobs(next: readonly Blob[]): void {
  blobs = next
}

export function getSourceBlob(source: number): Blob | undefined {
  return blobs[source]
}
