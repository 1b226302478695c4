/**
 * The team's per-input clock settings in the postmortem: found by the input's name and
 * fingerprint (a renamed copy of the same file is still found by its fingerprint), changed
 * one input at a time.
 */
import type { SourceClock } from '../timeline/source-clocks'
import { isIdentityClock } from '../timeline/source-clocks'
import type { SourceInfo } from '../types'
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
    return c && { offsetMs: c.offsetMs, bootTimeMs: c.bootTimeMs }
  })
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
  }
  return { ...state, clocks: [...rest, setting] }
}
