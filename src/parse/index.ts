import { Decompress as ZstdDecompress } from 'fzstd'
import { IncidentBuilder, LINE_INDEX_STEP, hashString } from '../model/builder'
import type { Incident } from '../model/types'
import { allFormats } from './formats'
import type { RegionFormat } from './region'
import { Scanner } from './scanner'
import { LineIndexer } from './line-index'
import { LineSplitter, looksBinary, sniffCompression, sniffEncoding } from './text'

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
  stream(): ReadableStream<Uint8Array>
}

export type ParsePhase = 'read' | 'parse' | 'done'

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

/** Bytes hashed for a source's fingerprint: enough to tell files apart, cheap for 2 GB. */
const FINGERPRINT_BYTES = 1 << 20

/**
 * Parses inputs into one Incident. Pure apart from reading the streams: runs the same in a
 * Web Worker, in Node (the CLI and benchmarks) and in tests.
 */
export async function parseInputs(
  inputs: readonly ParseInput[],
  options: ParseOptions = {},
): Promise<Incident> {
  const builder = new IncidentBuilder()
  const formats = options.formats ?? allFormats
  const bytesTotal = inputs.reduce((sum, input) => sum + input.size, 0)
  let bytesBefore = 0
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]
    await parseOne(
      input,
      builder,
      formats,
      (read) => options.onProgress?.({ input: i, bytesRead: bytesBefore + read, bytesTotal }),
      options.progressIntervalMs ?? 50,
    )
    bytesBefore += input.size
    for (const region of builder.source.regions) {
      options.log?.(
        `${input.name}: lines ${region.firstLine + 1}-${region.lastLine + 1} read as ${region.format}`,
      )
    }
  }
  options.onProgress?.({ input: inputs.length - 1, bytesRead: bytesTotal, bytesTotal })
  return builder.build()
}

async function parseOne(
  input: ParseInput,
  builder: IncidentBuilder,
  formats: readonly RegionFormat[],
  onBytes: (bytesRead: number) => void,
  intervalMs: number,
): Promise<void> {
  const started = performance.now()
  builder.beginSource(input.name, input.size, '')
  const source = builder.source
  const scanner = new Scanner(builder, formats)
  const lineIndex = new LineIndexer(LINE_INDEX_STEP)
  const splitter = new LineSplitter((line) => scanner.pushLine(line))

  const fingerprintSize = input.wholeSize ?? input.size
  let fingerprint = hashString(String(fingerprintSize))
  let hashed = 0
  let bytesRead = 0
  let lastReport = 0
  const counted = input.stream().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (hashed < FINGERPRINT_BYTES) {
          const n = Math.min(chunk.length, FINGERPRINT_BYTES - hashed)
          for (let i = 0; i < n; i++) fingerprint = Math.imul(fingerprint ^ chunk[i], 0x01000193)
          hashed += n
        }
        bytesRead += chunk.length
        const now = performance.now()
        if (now - lastReport >= intervalMs) {
          lastReport = now
          onBytes(bytesRead)
        }
        controller.enqueue(chunk)
      },
    }),
  )

  const reader = counted.getReader()
  let first: Uint8Array | null
  try {
    first = await readFirst(reader)
  } catch (error) {
    builder.warn(`The file could not be read: ${describeError(error)}.`)
    return finishSource()
  }
  const compression = sniffCompression(first ?? new Uint8Array())
  let bytes: ReadableStream<Uint8Array> = restream(first, reader)
  if (compression === 'zip') {
    builder.warn('This is a zip archive. Unzip it and open the files inside.')
    await reader.cancel()
    return finishSource()
  }
  if (compression === 'zstd') bytes = bytes.pipeThrough(zstdDecompressionStream())
  if (compression === 'gzip')
    bytes = bytes.pipeThrough(
      new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>,
    )

  source.compression = compression === 'gzip' || compression === 'zstd' ? compression : null
  const textReader = bytes
    .pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          lineIndex.push(chunk)
          controller.enqueue(chunk)
        },
      }),
    )
    .getReader()
  let decoder: TextDecoder | null = null
  try {
    for (;;) {
      const { done, value } = await textReader.read()
      if (done) break
      if (!decoder) {
        source.encoding = sniffEncoding(value)
        decoder = new TextDecoder(source.encoding, { fatal: false })
        const text = decoder.decode(value, { stream: true })
        if (looksBinary(text)) {
          builder.warn(
            `This looks like a binary file${describeBinary(value)}, not text output of a tool.`,
          )
          await textReader.cancel()
          return finishSource()
        }
        splitter.push(text)
        continue
      }
      splitter.push(decoder.decode(value, { stream: true }))
    }
  } catch (error) {
    // A truncated gzip or a failing read: keep what was read, say what happened.
    builder.warn(
      compression === 'gzip' || compression === 'zstd'
        ? `The ${compression} data is truncated or corrupt; what could be decompressed was read (${describeError(error)}).`
        : `Reading stopped early: ${describeError(error)}.`,
    )
  }
  if (decoder) splitter.push(decoder.decode())
  splitter.finish()
  return finishSource()

  function finishSource(): void {
    scanner.finish()
    ;[source.lineIndexLines, source.lineOffsets] = lineIndex.finish()
    source.fingerprint =
      (fingerprint >>> 0).toString(16).padStart(8, '0') + '-' + fingerprintSize.toString(16)
    source.parseMs = performance.now() - started
    if (bytesRead === 0) builder.warn('The file is empty.')
  }
}

async function readFirst(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): Promise<Uint8Array | null> {
  const { done, value } = await reader.read()
  return done ? null : value
}

/** A stream that yields `first` and then the rest of `reader`. */
function restream(
  first: Uint8Array | null,
  reader: ReadableStreamDefaultReader<Uint8Array>,
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
      else controller.enqueue(value)
    },
    cancel(reason) {
      return reader.cancel(reason)
    },
  })
}

/**
 * zstd (heaptrack's default since 1.2) through fzstd's streaming decoder: pure JS, so it runs
 * in a worker and in Node. Chunks are copied because the decoder reuses its window buffer.
 */
function zstdDecompressionStream(): TransformStream<Uint8Array, Uint8Array> {
  let out: TransformStreamDefaultController<Uint8Array> | null = null
  const decoder = new ZstdDecompress((data) => {
    if (data.length > 0) out?.enqueue(data.slice())
  })
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      out = controller
      decoder.push(chunk)
    },
    flush(controller) {
      out = controller
      decoder.push(new Uint8Array(0), true)
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
