import { createTarDecoder } from 'modern-tar'
import type { ArchiveMember } from './archive-member'

/**
 * The regular files of a tar stream, in archive order, through modern-tar's streaming
 * decoder (ustar, GNU and PAX headers): each member's body streams out of the archive, so
 * nothing but the member being read is held. Directories, links and devices are skipped.
 */
export async function* tarMembers(
  tar: ReadableStream<Uint8Array>,
): AsyncGenerator<ArchiveMember, void, undefined> {
  const entries = tar.pipeThrough(createTarDecoder()).getReader()
  for (;;) {
    const { done, value: entry } = await entries.read()
    if (done) return
    const type = entry.header.type ?? 'file'
    if (type !== 'file') {
      await entry.body.cancel()
      continue
    }
    yield { name: entry.header.name, size: entry.header.size, body: entry.body }
    // The reader may have stopped early (a binary member): drain what is left of it.
    await entry.body.cancel().catch(() => {})
  }
}
