import { Unzip, UnzipInflate } from 'fflate'
import type { ArchiveMember } from './archive-member'

type PendingMember = {
  name: string
  size: number
  chunks: Uint8Array[]
  ended: boolean
  error: unknown
  cancelled: boolean
}

/**
 * The files of a zip stream, in archive order, through fflate's streaming `Unzip`. fflate
 * pushes; members are pulled: the archive's next chunk is read only when the member being
 * read has no bytes left, so at most one chunk's worth of extracted data waits in memory.
 * Directories are skipped; a member in a method fflate lacks fails with its error.
 */
export async function* zipMembers(
  zip: { read(): Promise<ReadableStreamReadResult<Uint8Array>> },
  first: Uint8Array,
): AsyncGenerator<ArchiveMember, void, undefined> {
  const unzip = new Unzip()
  unzip.register(UnzipInflate)
  const found: PendingMember[] = []
  unzip.onfile = (file) => {
    const m: PendingMember = {
      name: file.name,
      size: file.originalSize ?? 0,
      chunks: [],
      ended: false,
      error: null,
      cancelled: false,
    }
    found.push(m)
    if (file.name.endsWith('/')) {
      m.ended = true
      return
    }
    file.ondata = (error, data, final) => {
      if (error) m.error = error
      else if (!m.cancelled && data.length > 0) m.chunks.push(data)
      if (final || error) m.ended = true
    }
    try {
      file.start()
    } catch (error) {
      m.error = error
      m.ended = true
    }
  }
  let pending: Uint8Array | null = first
  let outerDone = false
  // Feeds the next chunk of the archive to the unzipper; false once it has all been read.
  const pump = async (): Promise<boolean> => {
    if (outerDone) return false
    let chunk = pending
    pending = null
    if (!chunk) {
      const { done, value } = await zip.read()
      if (done) {
        outerDone = true
        unzip.push(new Uint8Array(0), true)
        return true
      }
      chunk = value
    }
    unzip.push(chunk)
    return true
  }

  for (let next = 0; ; next++) {
    while (found.length <= next && (await pump()));
    if (found.length <= next) {
      const cut = found.find((f) => !f.ended)
      if (cut) throw new Error(`it ends inside ${cut.name}`)
      return
    }
    const m = found[next]
    if (m.name.endsWith('/')) continue
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        while (m.chunks.length === 0 && !m.ended && (await pump()));
        const chunk = m.chunks.shift()
        if (chunk) controller.enqueue(chunk)
        else if (m.error) controller.error(m.error)
        else if (m.ended) controller.close()
        else controller.error(new Error('the archive ends inside this member'))
      },
      cancel() {
        m.cancelled = true
        m.chunks.length = 0
      },
    })
    yield { name: m.name, size: m.size, body }
    // Whatever the reader left: skip to the member's end without keeping its bytes.
    m.cancelled = true
    m.chunks.length = 0
    while (!m.ended && (await pump()));
  }
}
