import type { FrameInput, IncidentBuilder } from '../../model/builder'
import { NONE, type CrashFact } from '../../model/types'
import { isUnknownFunc, nativeFrameKind, unknownFrame } from '../native/native-frame'

/** What valgrind's text and XML outputs share: leak kinds, loss records, error kinds. */

/** Leak kinds as memcheck prints them (`definitely lost` ...), keyed by the XML kind. */
export const XML_LEAK_KINDS: Record<string, string> = {
  Leak_DefinitelyLost: 'definitely lost',
  Leak_IndirectlyLost: 'indirectly lost',
  Leak_PossiblyLost: 'possibly lost',
  Leak_StillReachable: 'still reachable',
}

// memcheck `mc_leakcheck.c` `pp_LossRecord`: `40 bytes in 1 blocks are definitely lost in loss
// record 1 of 3`, with `144 (16 direct, 128 indirect) bytes` when the block owns others.
export const LOSS_RECORD =
  /^([\d,]+) (?:\(([\d,]+) direct, ([\d,]+) indirect\) )?bytes in ([\d,]+) blocks are ([a-z]+ [a-z]+)/
const LOSS_KINDS = new Set([
  'definitely lost',
  'indirectly lost',
  'possibly lost',
  'still reachable',
])

export type LossRecord = {
  kind: string
  /** Bytes the record itself lost: the direct part when memcheck splits direct/indirect. */
  bytes: number
  /** All bytes including the indirectly lost blocks it owns. */
  totalBytes: number
  blocks: number
}

/**
 * Reads a loss record line. Its `bytes` are the direct bytes: the indirect part is listed
 * again in its own `indirectly lost` record, and LEAK SUMMARY counts it there, so records of
 * every kind add up to the LEAK SUMMARY.
 */
export function parseLossRecord(text: string): LossRecord | null {
  const m = LOSS_RECORD.exec(text)
  if (!m || !LOSS_KINDS.has(m[5])) return null
  const total = parseCount(m[1])
  return {
    kind: m[5],
    bytes: m[2] !== undefined ? parseCount(m[2]) : total,
    totalBytes: total,
    blocks: parseCount(m[4]),
  }
}

/**
 * A short kind for an error headline: `Invalid read of size 4` -> `Invalid read`,
 * `Conflicting load by thread 3 at 0x0010c060 size 8` -> `Conflicting load`.
 */
export function errorKind(headline: string): string {
  // Cut at the first marker (indexOf, not `/ marker.*$/`, which is quadratic on hostile lines).
  let end = headline.length
  for (const marker of [' of size ', ' by thread ', '(', ':', ' on 0x', ' at 0x']) {
    const i = headline.indexOf(marker)
    if (i >= 0 && i < end) end = i
  }
  return headline.slice(0, end).trim() || 'error'
}

/** A frame from XML fields or a text frame line; `ip` is display-only. */
export function valgrindFrame(
  ip: string | undefined,
  fn: string | undefined,
  obj: string | undefined,
  file: string | undefined,
  line: number | undefined,
): FrameInput {
  if (fn === undefined || isUnknownFunc(fn)) {
    if (obj) return unknownFrame(obj, undefined, ip)
    return { ...unknownFrame(undefined, ip, ip) }
  }
  return {
    func: fn,
    file,
    line,
    module: obj,
    kind: nativeFrameKind(fn, file, obj),
    address: ip,
  }
}

// Text frame: `   at 0x109200: handle_request (mem_errors.c:24)`, `by 0x6EF588E: ??? (in
// /usr/lib/libgobject-2.0.so.0.5200.3)`, `by 0x1: ???` (`m_stacktrace.c` `VG_(describe_IP)`).
const TEXT_FRAME = /^\s*(?:at|by) (0x[0-9A-Fa-f]+): (.*)$/
const LOCATION = /^(.+):(\d+)$/

/** Parses a text frame line (marker removed); null when it is not one. */
export function parseValgrindTextFrame(text: string): FrameInput | null {
  const m = TEXT_FRAME.exec(text)
  if (!m) return null
  const rest = m[2]
  let fn = rest
  let obj: string | undefined
  let file: string | undefined
  let line: number | undefined
  // The location is the last parenthesised group; function names have parentheses of their own.
  const open = rest.endsWith(')') ? rest.lastIndexOf(' (') : -1
  if (open >= 0) {
    const loc = rest.slice(open + 2, -1)
    if (loc.startsWith('in ')) {
      obj = loc.slice(3)
      fn = rest.slice(0, open)
    } else {
      const l = LOCATION.exec(loc)
      if (l) {
        file = l[1]
        line = Number(l[2])
        fn = rest.slice(0, open)
      }
    }
  }
  return valgrindFrame(m[1], fn, obj, file, line)
}

/** Adds one loss record as a record: count = allocations = blocks, state = the kind. */
export function addLossRecord(
  b: IncidentBuilder,
  loss: LossRecord,
  stack: number,
  lineNo: number,
): number {
  return b.addRecord({
    stack,
    state: loss.kind,
    count: loss.blocks,
    bytes: loss.bytes,
    allocations: loss.blocks,
    line: lineNo,
  })
}

/** `00:00:00:01.234` (days:hours:minutes:seconds.millis, `--time-stamp=yes`) in ms. */
export function parseElapsed(text: string): number {
  const m = /^(\d+):(\d\d):(\d\d):(\d\d)\.(\d+)\s*$/.exec(text)
  if (!m) return NaN
  const frac = Number(`0.${m[5]}`)
  return (
    ((Number(m[1]) * 24 + Number(m[2])) * 60 + Number(m[3])) * 60000 + (Number(m[4]) + frac) * 1000
  )
}

/** Parses a decimal count with thousands separators (`8,032`); NaN when it is not one. */
export function parseCount(text: string): number {
  return Number(text.replace(/,/g, ''))
}

/** Bytes and blocks of one leak kind. */
export type LeakTotals = Map<string, { bytes: number; blocks: number }>

/** Adds `bytes` in `blocks` to `kind`'s totals. */
export function addToLeakTotals(
  totals: LeakTotals,
  kind: string,
  bytes: number,
  blocks: number,
): void {
  const t = totals.get(kind)
  if (t) {
    t.bytes += bytes
    t.blocks += blocks
  } else totals.set(kind, { bytes, blocks })
}

/**
 * Lost bytes the LEAK SUMMARY counts but no loss record lists, said for the source's warnings:
 * memcheck lists indirectly lost blocks only with `--show-leak-kinds=all` (or `indirect`), and
 * a run without `--leak-check=full` lists none. The stacks count the records listed, so the
 * warning says why they hold less. Null when every lost byte is listed.
 */
export function unlistedLeakWarning(summary: LeakTotals, listed: LeakTotals): string | null {
  const missing: string[] = []
  for (const kind of ['definitely lost', 'indirectly lost', 'possibly lost']) {
    const printed = summary.get(kind)
    const shown = listed.get(kind)?.bytes ?? 0
    if (printed && printed.bytes > shown)
      missing.push(
        `${kind}: ${countText(printed.bytes)} bytes in ${countText(printed.blocks)} blocks, ${shown ? `${countText(shown)} bytes` : 'none'} listed`,
      )
  }
  if (missing.length === 0) return null
  const owner = missing.some((m) => m.startsWith('indirectly'))
    ? ' An indirectly lost block is also in the "(N direct, M indirect)" of the record that owns it.'
    : ''
  return `valgrind's LEAK SUMMARY counts lost bytes that no loss record lists (${missing.join('; ')}). The stacks hold only the records listed; memcheck lists them all with --leak-check=full --show-leak-kinds=all.${owner}`
}

const countText = (n: number) => n.toLocaleString('en-US')

const LOST_KINDS = ['definitely lost', 'indirectly lost', 'possibly lost']

/**
 * The leak a report's crash banner names when the run lost memory: the first kind that lost
 * bytes, as LEAK SUMMARY prints it (`definitely lost: 714 bytes in 13 blocks`). Without a LEAK
 * SUMMARY (valgrind's XML has none; a pasted excerpt may cut it) the loss records' own sums
 * stand in, so the text and the XML of one run name the same leak. Null when nothing was lost.
 */
export function leakCrash(
  totals: LeakTotals,
  line: number,
  /** The totals were summed from the loss records, for want of a LEAK SUMMARY. */
  summed: boolean,
  /** The details to show, when not the lost kinds' lines (the text's LEAK SUMMARY as printed). */
  details?: string[],
): Omit<CrashFact, 'source'> | null {
  const lost = LOST_KINDS.flatMap((kind) => {
    const t = totals.get(kind)
    return t && t.bytes > 0
      ? [`${kind}: ${countText(t.bytes)} bytes in ${countText(t.blocks)} blocks`]
      : []
  })
  if (lost.length === 0) return null
  return {
    format: 'valgrind',
    kind: 'leak',
    message: lost[0],
    record: NONE,
    line: Math.max(0, line),
    details:
      details ??
      (summed
        ? [...lost, 'summed from the loss records listed: the input has no LEAK SUMMARY']
        : lost),
  }
}
