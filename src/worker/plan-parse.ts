import { findSplitPoints } from '../parse/split'
import { sniffCompression } from '../parse/text'
import { isTar } from '../parse/archive/archive-member'
import type { ToWorker } from './protocol'

/** Files at least this large are split across workers. */
export const PARALLEL_MIN_BYTES = 32 << 20
/** Parts are at least this large: smaller ones cost more in start-up than they save. */
const MIN_PART_BYTES = 16 << 20
const MAX_WORKERS = 4
/** Bytes of a file's start that its sniffing reads: compression magic, a tar header. */
const HEAD_BYTES = 263

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
  if (files.length !== 1 || cores < 3) return [files.map(withModified)]
  const file = withModified(files[0])
  if (file.blob.size < minBytes) return [[file]]
  const head = new Uint8Array(await file.blob.slice(0, HEAD_BYTES).arrayBuffer())
  if (sniffCompression(head) !== null) return [[file]]
  // A tar is read member by member from its start.
  if (isTar(head)) return [[file]]
  // UTF-16 has NUL bytes between characters: blank lines look different; keep it whole.
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    return [[file]]
  // One core is left to the page, which merges the parts' models on its own thread and draws:
  // on two cores, two workers opened the 420k dump 0.83-1.09x as fast as one, and the 5M-line
  // log no faster, while the page held 777 MB for the log instead of 265 MB.
  const parts = Math.min(cores - 1, MAX_WORKERS, Math.floor(file.blob.size / minPartBytes))
  if (parts < 2) return [[file]]
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
