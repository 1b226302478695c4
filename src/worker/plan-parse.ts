import { findSplitPoints } from '../parse/split'
import { sniffCompression } from '../parse/text'
import { isTar } from '../parse/archive/archive-member'
import type { ToWorker } from './protocol'

/** Files at least this large are split across workers. */
export const PARALLEL_MIN_BYTES = 32 << 20
/** Parts are at least this large: smaller ones cost more in start-up than they save. */
const MIN_PART_BYTES = 16 << 20
const MAX_WORKERS = 4
/** Below this many cores a log is read by one worker (see `startsAsLog`). */
const LOG_PARALLEL_MIN_CORES = 3
/** Bytes of a file's start that its sniffing reads: a tar header, a log's first line. */
const HEAD_BYTES = 4096

/**
 * How to parse a set of files: usually one worker job with all of them; a single large,
 * uncompressed file is cut after blank lines into parts, one worker each, merged afterwards.
 * (Compressed streams cannot be entered in the middle.) The parts are checked once parsed
 * (`whyCutsDiffer`): where they would not read as the whole file, it is read whole.
 */
export type ParallelOptions = {
  /** Cores to use; defaults to the machine's. */
  cores?: number
  /** Smallest file to split (default PARALLEL_MIN_BYTES). */
  minBytes?: number
  /** Smallest part (default 16 MB). */
  minPartBytes?: number
}

export async function planParseJobs(
  files: readonly { name: string; blob: Blob }[],
  {
    cores = typeof navigator === 'undefined' ? 1 : (navigator.hardwareConcurrency ?? 1),
    minBytes = PARALLEL_MIN_BYTES,
    minPartBytes = MIN_PART_BYTES,
  }: ParallelOptions = {},
): Promise<ToWorker['files'][]> {
  if (files.length !== 1 || cores < 2) return [files.map(withModified)]
  const file = withModified(files[0])
  if (file.blob.size < minBytes) return [[file]]
  const head = new Uint8Array(await file.blob.slice(0, HEAD_BYTES).arrayBuffer())
  if (sniffCompression(head) !== null) return [[file]]
  // A tar is read member by member from its start.
  if (isTar(head)) return [[file]]
  // UTF-16 has NUL bytes between characters: blank lines look different; keep it whole.
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    return [[file]]
  const parts = Math.min(cores, MAX_WORKERS, Math.floor(file.blob.size / minPartBytes))
  if (parts < 2) return [[file]]
  // A log's model holds every line (an event each, and its metrics' points), and the page
  // merges the parts' models on its own thread: on two cores the 5M-line log opened no faster
  // in two workers than in one, while the page held 777 MB instead of 265 MB.
  if (cores < LOG_PARALLEL_MIN_CORES && (await startsAsLog(head))) return [[file]]
  const cuts = await findSplitPoints(file.blob, parts)
  return cuts.slice(0, -1).map((start, k) => [
    {
      name: file.name,
      blob: file.blob.slice(start, cuts[k + 1]),
      wholeSize: file.blob.size,
      lastModified: file.lastModified,
    },
  ])
}

/** The file with its modification time, which a `Blob` (pasted text, a part) does not have. */
export function withModified(file: { name: string; blob: Blob }): ToWorker['files'][number] {
  return typeof File !== 'undefined' && file.blob instanceof File
    ? { ...file, lastModified: file.blob.lastModified }
    : { ...file }
}

/** Whether the first line of a file's start carries a timestamp, as a log's lines do. */
async function startsAsLog(head: Uint8Array): Promise<boolean> {
  // Loaded when a large file is dropped, not with the page.
  const { TimestampReader } = await import('../parse/log/timestamps')
  const text = new TextDecoder().decode(head)
  const end = text.indexOf('\n')
  const line = (end < 0 ? text : text.slice(0, end)).replace(/\r$/, '')
  return new TimestampReader().read(line) !== null
}
