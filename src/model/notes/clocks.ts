/**
 * The team's per-input clock settings in the postmortem: found by the input's name and
 * fingerprint (a renamed copy of the same file is still found by its fingerprint), changed
 * one input at a time.
 */
import type { SourceClock } from '../timeline/source-clocks'
import { isIdentityClock } from '../timeline/source-clocks'
import type { LineNumber, Milliseconds, SourceInfo } from '../types'
import type { PostmortemState, SourceClockSetting } from './types'

type SourceName = Pick<SourceInfo, 'name' | 'fingerprint'>

/** The setting for one input: same name and fingerprint, else the only one with its fingerprint. */
export function findSourceClock(
  settings: readonly SourceClockSetting[],
  source: SourceName,
): SourceClockSetting | undefined {
  const exact = settings.find((c) => c.fingerprint === source.fingerprint && c.name === source.name)
  if (exact) return exact
  const same = settings.filter((c) => c.fingerprint === source.fingerprint)
  return same.length === 1 ? same[0] : undefined
}

/** Clocks by source index, for `applySourceClocks`. */
export function resolveSourceClocks(
  sources: readonly SourceName[],
  settings: readonly SourceClockSetting[],
): (SourceClock | undefined)[] {
  return sources.map((s) => {
    const c = findSourceClock(settings, s)
    return c && { offsetMs: c.offsetMs, bootTimeMs: c.bootTimeMs, year: c.year }
  })
}

/** The time the team says a dump was taken (the dump named by its source and first line). */
export function findDumpTakenAt(
  settings: readonly SourceClockSetting[],
  source: SourceName,
  line: LineNumber,
): Milliseconds | undefined {
  return findSourceClock(settings, source)?.dumpsTakenAt?.find((d) => d.line === line)?.time
}

/** The clock with one dump's time set (`time` a number) or cleared (`undefined`). */
export function withDumpTakenAt(
  clock: SourceClock,
  line: LineNumber,
  time: Milliseconds | undefined,
): SourceClock {
  const rest = (clock.dumpsTakenAt ?? []).filter((d) => d.line !== line)
  const dumpsTakenAt = time === undefined ? rest : [...rest, { line, time }]
  return { ...clock, dumpsTakenAt: dumpsTakenAt.length ? dumpsTakenAt : undefined }
}

/** A saved setting as the clock it sets (no setting: the clock that moves nothing). */
export function clockOfSetting(setting: SourceClockSetting | undefined): SourceClock {
  if (!setting) return { offsetMs: 0 }
  return {
    offsetMs: setting.offsetMs,
    bootTimeMs: setting.bootTimeMs,
    year: setting.year,
    dumpsTakenAt: setting.dumpsTakenAt,
  }
}

/** Sets (or, for a clock that moves nothing, removes) one input's clock. */
export function setSourceClock(
  state: PostmortemState,
  source: SourceName,
  clock: SourceClock,
): PostmortemState {
  const old = findSourceClock(state.clocks, source)
  const rest = state.clocks.filter((c) => c !== old)
  if (isIdentityClock(clock)) return old ? { ...state, clocks: rest } : state
  const setting: SourceClockSetting = {
    name: source.name,
    fingerprint: source.fingerprint,
    offsetMs: clock.offsetMs,
    ...(clock.bootTimeMs !== undefined ? { bootTimeMs: clock.bootTimeMs } : {}),
    ...(clock.year !== undefined ? { year: clock.year } : {}),
    ...(clock.dumpsTakenAt?.length ? { dumpsTakenAt: clock.dumpsTakenAt } : {}),
  }
  return { ...state, clocks: [...rest, setting] }
}
