import { ChunkDecoder, type AsciiDecoder } from '../lib/chunk-decoder'
import { IncidentBuilder } from '../model/builder'
import { splitDumps } from '../model/dumps'
import type { Incident } from '../model/types'
import { allFormats } from './formats'
import { RawByteCounter, decodedBytes, readFirst, restreamBytes } from './raw-bytes'
import type { RegionFormat } from './region'
import { Scanner } from './scanner'
import { firstGuessYear, noteAssumedYear, yearsToModifiedDate } from './assumed-year'
import type { YearInference } from './log/timestamps'
import { LineTracker } from './line-tracker'
import { hasTerminalEscapes } from './terminal-escapes'
import { looksBinary, sniffCompression, sniffEncoding } from './text'
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
  /** The host's faster decode of ASCII bytes, if it has one (see `ChunkDecoder`). */
  decodeAscii?: AsciiDecoder
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
type SourceDates = Map<number, { input: number; dates: YearInference }>

/** What dates without a year are read with, and where each source's inference is kept. */
type YearContext = { year: number | undefined; input: number; dates: SourceDates }
/** How every input is read: the formats tried and the host's ASCII decode. */
type Reading = Pick<ParseOptions, 'decodeAscii'> & { formats: readonly RegionFormat[] }

async function parseAll(
  inputs: readonly ParseInput[],
  options: ParseOptions,
  years: readonly (number | undefined)[],
): Promise<{ builder: IncidentBuilder; dates: SourceDates }> {
  const builder = new IncidentBuilder()
  const reading: Reading = {
    formats: options.formats ?? allFormats,
    decodeAscii: options.decodeAscii,
  }
  const bytesTotal = inputs.reduce((sum, input) => sum + input.size, 0)
  const dates: SourceDates = new Map()
  let bytesBefore = 0
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]
    await parseOne(
      input,
      builder,
      reading,
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
  reading: Reading,
  onBytes: (bytesRead: number) => void,
  intervalMs: number,
  years: YearContext,
  depth = 0,
): Promise<string | null> {
  const started = performance.now()
  builder.beginSource(input.name, input.size, '')
  const source = builder.source
  const scanner = new Scanner(builder, reading.formats, years.year)
  // The steps: raw bytes are counted (fingerprint, progress), decompressed, decoded and split
  // into tracked lines for the scanner, and the source is finished with what they found.
  const lines = new LineTracker(
    (line, length, candidates, source, start) =>
      scanner.pushLine(line, length, candidates, source, start),
    scanner.hints,
    (source, start, end, limit, bytes, taken) =>
      scanner.pushRange(source, start, end, limit, bytes, taken),
  )
  const counter = new RawByteCounter(input.wholeSize ?? input.size, onBytes, intervalMs)
  const countRaw = counter.count
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
  const nextBytes = decodedBytes(first, raw, source.compression, countRaw)
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
        decoder = new ChunkDecoder(guess.encoding, reading.decodeAscii)
        if (guess.warning) builder.warn(guess.warning)
        // A UTF-8 byte-order mark or stray bytes are not text; the index still counts them.
        lines.setEncoding(guess)
        const text = decoder.decode(value.subarray(guess.skip))
        if (hasTerminalEscapes(text)) {
          lines.readTerminalEscapes()
          source.terminalEscapes = true
        }
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
        lines.push(value.subarray(guess.skip), text, decoder.aligned)
        continue
      }
      const text = decoder.decode(value)
      lines.push(value, text, decoder.aligned)
    }
  } catch (error) {
    // A truncated gzip or a failing read: keep what was read, say what happened.
    builder.warn(
      compression === 'gzip' || compression === 'zstd'
        ? `The ${compression} data is truncated or corrupt; what could be decompressed was read (${describeError(error)}).`
        : `Reading stopped early: ${describeError(error)}.`,
    )
  }
  lines.end(decoder ? decoder.end() : '')
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
        const why = await parseOne(member, builder, reading, () => {}, intervalMs, years, depth + 1)
        if (why) skipped.push(`${m.name} (${why})`)
        onBytes(counter.bytesRead)
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
    ;[source.lineIndexLines, source.lineOffsets] = lines.lineIndex()
    source.fingerprint = counter.fingerprint.digest()
    source.parseMs = performance.now() - started
    if (counter.bytesRead === 0) builder.warn('The file is empty.')
    years.dates.set(builder.currentSource, { input: years.input, dates: scanner.dates })
    return null
  }
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
