import { ChunkDecoder } from '../lib/chunk-decoder'
import { FingerprintHasher } from '../lib/fingerprint'
import { IncidentBuilder, LINE_INDEX_STEP } from '../model/builder'
import { splitDumps } from '../model/dumps'
import type { Incident } from '../model/types'
import { allFormats } from './formats'
import { decompressionStream } from './decompress'
import type { RegionFormat } from './region'
import { Scanner } from './scanner'
import { firstGuessYear, noteAssumedYear, yearsToModifiedDate } from './assumed-year'
import type { TimestampState } from './log/timestamps'
import { LineIndexer } from './line-index'
import { LineSplitter, looksBinary, sniffCompression, sniffEncoding } from './text'
import { addPprofProfile, mayBePprof } from './pprof/pprof-profile'
import { readAll } from './read-all'
import { isTar, type ArchiveMember } from './archive/archive-member'
import { tarMembers } from './archive/tar-members'
import { zipMembers } from './archive/zip-members'

/** One input to parse: a `File`/`Blob` in the browser, a file stream in Node. */
export type ParseInput = {
  name: string
  /** Size in bytes as stored (compressed size for a .gz). */
  size: number
  /**
   * For one part of a file parsed in parallel: the whole file's size, so the fingerprint of
   * part 0 equals the fingerprint of the whole file parsed at once.
   */
  wholeSize?: number
  /** When the file was last modified (epoch ms): dates printed without a year take theirs from
   *  it. Absent for pasted text. */
  lastModified?: number
  stream(): ReadableStream<Uint8Array>
}

export type ParseProgress = {
  /** Index of the input being read. */
  input: number
  bytesRead: number
  bytesTotal: number
}

export type ParseOptions = {
  /** Called at most every `progressIntervalMs` while bytes are read. */
  onProgress?: (progress: ParseProgress) => void
  progressIntervalMs?: number
  /** The region formats to try, in order; defaults to every known format. */
  formats?: readonly RegionFormat[]
  /** Log which parser won each region (the CLI's --verbose). */
  log?: (message: string) => void
}

/**
 * Parses inputs into one Incident. Pure apart from reading the streams: runs the same in a
 * Web Worker, in Node (the CLI and benchmarks) and in tests.
 */
export async function parseInputs(
  inputs: readonly ParseInput[],
  options: ParseOptions = {},
): Promise<Incident> {
  // Dates without a year take it from the file's mtime; when the first guess leaves the last
  // of them after the mtime (a Dec -> Jan log, a file last written in a later year), the
  // inputs are read once more with the right year, so every time derived from them agrees.
  let years = inputs.map((input) => firstGuessYear(input.lastModified))
  let parsed = await parseAll(inputs, options, years)
  // Per input, the move its sources ask for (an archive's members share its date).
  const moves = inputs.map(() => 0)
  for (const { input, dates } of parsed.dates.values()) {
    moves[input] ||= yearsToModifiedDate(dates, inputs[input].lastModified)
  }
  if (moves.some((k) => k !== 0)) {
    years = years.map((y, i) => (y === undefined ? y : y + moves[i]))
    parsed = await parseAll(inputs, options, years)
  }
  const incident = parsed.builder.build()
  for (const [source, { input, dates }] of parsed.dates)
    noteAssumedYear(incident.sources[source], dates, inputs[input].lastModified)
  return splitDumps(incident)
}

/** Each source's year inference, and the input it came from (by source index). */
type SourceDates = Map<number, { input: number; dates: TimestampState }>

/** What dates without a year are read with, and where each source's inference is kept. */
type YearContext = { year: number | undefined; input: number; dates: SourceDates }

async function parseAll(
  inputs: readonly ParseInput[],
  options: ParseOptions,
  years: readonly (number | undefined)[],
): Promise<{ builder: IncidentBuilder; dates: SourceDates }> {
  const builder = new IncidentBuilder()
  const formats = options.formats ?? allFormats
  const bytesTotal = inputs.reduce((sum, input) => sum + input.size, 0)
  const dates: SourceDates = new Map()
  let bytesBefore = 0
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]
    await parseOne(
      input,
      builder,
      formats,
      (read) => options.onProgress?.({ input: i, bytesRead: bytesBefore + read, bytesTotal }),
      options.progressIntervalMs ?? 50,
      { year: years[i], input: i, dates },
    )
    bytesBefore += input.size
    for (const region of builder.source.regions) {
      options.log?.(
        `${input.name}: lines ${region.firstLine + 1}-${region.lastLine + 1} read as ${region.format}`,
      )
    }
  }
  options.onProgress?.({ input: inputs.length - 1, bytesRead: bytesTotal, bytesTotal })
  return { builder, dates }
}

/**
 * Parses one input into its own source. An archive (zip, tar, tar.gz) at the top level opens
 * each member as a source of its own (`depth` 1); a member that is binary (or an archive
 * itself) is dropped and the reason returned, for the archive's source to say.
 */
async function parseOne(
  input: ParseInput,
  builder: IncidentBuilder,
  formats: readonly RegionFormat[],
  onBytes: (bytesRead: number) => void,
  intervalMs: number,
  years: YearContext,
  depth = 0,
): Promise<string | null> {
  const started = performance.now()
  builder.beginSource(input.name, input.size, '')
  const source = builder.source
  const scanner = new Scanner(builder, formats, years.year)
  // UTF-8 sources only: see LineIndexer. Replaced once a byte-order mark is known.
  let lineIndex: LineIndexer | null = new LineIndexer(LINE_INDEX_STEP)
  const splitter = new LineSplitter((line) => scanner.pushLine(line))

  const fingerprint = new FingerprintHasher(input.wholeSize ?? input.size)
  let bytesRead = 0
  let lastReport = 0
  // Raw bytes: fingerprint, progress. Done inline rather than in TransformStreams: each
  // stream stage costs a promise round trip per chunk, which showed in profiles.
  const countRaw = (chunk: Uint8Array): void => {
    fingerprint.update(chunk)
    bytesRead += chunk.length
    const now = performance.now()
    if (now - lastReport >= intervalMs) {
      lastReport = now
      onBytes(bytesRead)
    }
  }
  const raw = input.stream().getReader()
  let first: Uint8Array | null
  try {
    first = await readFirst(raw)
  } catch (error) {
    builder.warn(`The file could not be read: ${describeError(error)}.`)
    return finishSource()
  }
  if (first) countRaw(first)
  const compression = sniffCompression(first ?? new Uint8Array())
  if (compression === 'zip') {
    if (depth > 0) {
      await raw.cancel()
      builder.discardSource()
      return 'a zip archive inside the archive'
    }
    const counted = {
      read: async () => {
        const r = await raw.read()
        if (!r.done) countRaw(r.value)
        return r
      },
    }
    await parseMembers(zipMembers(counted, first!), 'zip')
    return finishSource()
  }
  source.compression = compression === 'gzip' || compression === 'zstd' ? compression : null
  // The decompressed (or plain) bytes, chunk by chunk; null at the end.
  let nextBytes: () => Promise<Uint8Array | null>
  if (source.compression === null) {
    let pending = first
    nextBytes = async () => {
      if (pending) {
        const chunk = pending
        pending = null
        return chunk
      }
      const { done, value } = await raw.read()
      if (done) return null
      countRaw(value)
      return value
    }
  } else {
    const decompressed = restream(first, raw, countRaw)
      .pipeThrough(decompressionStream(source.compression))
      .getReader()
    nextBytes = async (): Promise<Uint8Array | null> => {
      const { done, value } = await decompressed.read()
      return done ? null : value
    }
  }
  const cancel = () => raw.cancel().catch(() => {})
  let decoder: ChunkDecoder | null = null
  try {
    for (;;) {
      const value = await nextBytes()
      if (value === null) break
      if (!decoder && isTar(value)) {
        if (depth > 0) {
          await cancel()
          builder.discardSource()
          return 'a tar archive inside the archive'
        }
        await parseMembers(tarMembers(restreamBytes(value, nextBytes)), 'tar')
        return finishSource()
      }
      if (!decoder) {
        const guess = sniffEncoding(value)
        source.encoding = guess.encoding
        decoder = new ChunkDecoder(guess.encoding)
        if (guess.warning) builder.warn(guess.warning)
        // A UTF-8 byte-order mark or stray bytes are not text; the index still counts them.
        lineIndex = guess.encoding === 'utf-8' ? new LineIndexer(LINE_INDEX_STEP, guess.skip) : null
        const text = decoder.decode(value.subarray(guess.skip))
        if (looksBinary(text) && mayBePprof(value)) {
          if (addPprofProfile(builder, await readAll(value, nextBytes))) return finishSource()
          if (depth > 0) return discardBinary(value)
          builder.warn('This looks like a binary file, and it is not a pprof profile.')
          return finishSource()
        }
        if (looksBinary(text)) {
          if (depth > 0) return discardBinary(value)
          builder.warn(
            `This looks like a binary file${describeBinary(value)}, not text output of a tool.`,
          )
          await cancel()
          return finishSource()
        }
        lineIndex?.push(value.subarray(guess.skip))
        splitter.push(text)
        continue
      }
      lineIndex?.push(value)
      splitter.push(decoder.decode(value))
    }
  } catch (error) {
    // A truncated gzip or a failing read: keep what was read, say what happened.
    builder.warn(
      compression === 'gzip' || compression === 'zstd'
        ? `The ${compression} data is truncated or corrupt; what could be decompressed was read (${describeError(error)}).`
        : `Reading stopped early: ${describeError(error)}.`,
    )
  }
  if (decoder) splitter.push(decoder.end())
  splitter.finish()
  return finishSource()

  /** Reads each member of an archive as its own source; the archive's source lists skips. */
  async function parseMembers(
    members: AsyncGenerator<ArchiveMember, void, undefined>,
    kind: string,
  ): Promise<void> {
    const archive = builder.currentSource
    const skipped: string[] = []
    let count = 0
    try {
      for await (const m of members) {
        count++
        const member = { name: m.name, size: m.size, stream: () => m.body }
        const why = await parseOne(member, builder, formats, () => {}, intervalMs, years, depth + 1)
        if (why) skipped.push(`${m.name} (${why})`)
        onBytes(bytesRead)
      }
    } catch (error) {
      builder.currentSource = archive
      builder.warn(`The ${kind} archive could not be read to the end: ${describeError(error)}.`)
    }
    builder.currentSource = archive
    for (const s of skipped) builder.warn(`Skipped ${s}.`)
    if (count === 0) builder.warn(`This ${kind} archive holds no files.`)
  }

  async function discardBinary(head: Uint8Array): Promise<string> {
    await cancel()
    builder.discardSource()
    // ` (an ELF executable or core file: open it with gdb ...)` -> `binary, an ELF executable ...`
    const what = describeBinary(head)
    return what ? `binary, ${what.slice(2, -1).split(':')[0]}` : 'binary'
  }

  function finishSource(): null {
    scanner.finish()
    if (lineIndex) [source.lineIndexLines, source.lineOffsets] = lineIndex.finish()
    else
      [source.lineIndexLines, source.lineOffsets] = [new Float64Array([0]), new Float64Array([0])]
    source.fingerprint = fingerprint.digest()
    source.parseMs = performance.now() - started
    if (bytesRead === 0) builder.warn('The file is empty.')
    years.dates.set(builder.currentSource, { input: years.input, dates: scanner.dates })
    return null
  }
}

/** A stream of `first` and then every chunk `next` yields until it yields null. */
function restreamBytes(
  first: Uint8Array,
  next: () => Promise<Uint8Array | null>,
): ReadableStream<Uint8Array> {
  let pending: Uint8Array | null = first
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = pending ?? (await next())
      pending = null
      if (chunk === null) controller.close()
      else controller.enqueue(chunk)
    },
  })
}

async function readFirst(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): Promise<Uint8Array | null> {
  const { done, value } = await reader.read()
  return done ? null : value
}

/** A stream that yields `first` and then the rest of `reader`, counting each chunk read. */
function restream(
  first: Uint8Array | null,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  onChunk: (chunk: Uint8Array) => void,
): ReadableStream<Uint8Array> {
  let pending = first
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pending) {
        controller.enqueue(pending)
        pending = null
        return
      }
      const { done, value } = await reader.read()
      if (done) controller.close()
      else {
        onChunk(value)
        controller.enqueue(value)
      }
    },
    cancel(reason) {
      return reader.cancel(reason)
    },
  })
}

function describeBinary(head: Uint8Array): string {
  const ascii = String.fromCharCode(...head.slice(0, 8))
  if (ascii.startsWith('\x7fELF'))
    return ' (an ELF executable or core file: open it with gdb and paste `thread apply all bt`)'
  if (ascii.startsWith('\x89PNG')) return ' (a PNG image)'
  if (ascii.startsWith('%PDF')) return ' (a PDF document)'
  return ''
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  // Browsers report a Blob they cannot read back (moved on disk, or an in-memory paste too
  // large to keep) as a "network error"; say what it means here.
  if (
    /network error|NotReadable/i.test(message) ||
    (error instanceof Error && error.name === 'NotReadableError')
  ) {
    return 'the browser could not read the file’s bytes (was it moved or changed on disk, or is it too large to hold in memory?)'
  }
  return message
}
