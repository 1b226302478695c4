import { hashString } from '../../lib/hash'
import type { FrameKind, Incident } from '../../model/types'
import { NONE, frameKindNames } from '../../model/types'

/** Base colour per frame kind: warm for the team's code, cool and grey for everything else. */
const KIND_HSL: Record<FrameKind, [number, number, number]> = {
  0: [28, 88, 64], // app
  1: [0, 0, 74], // runtime
  2: [205, 62, 70], // stdlib
  3: [48, 80, 62], // native
  4: [135, 45, 62], // kernel
  5: [172, 50, 60], // cgo
  6: [0, 0, 86], // unknown
  7: [275, 45, 74], // library
}

/** Legend order for kinds. */
export const kindLegend: FrameKind[] = [0, 7, 2, 1, 5, 3, 4, 6]

export function kindColor(kind: FrameKind): string {
  const [h, s, l] = KIND_HSL[kind]
  return `hsl(${h} ${s}% ${l}%)`
}

export function kindLabel(kind: FrameKind): string {
  const name = frameKindNames[kind]
  return name === 'app' ? 'application' : name === 'stdlib' ? 'standard library' : name
}

/** A stable colour for a module name. */
export function moduleColor(module: string): string {
  if (module === '') return 'hsl(0 0% 80%)'
  const h = hashString(module) >>> 0
  return `hsl(${h % 360} ${50 + ((h >>> 9) % 20)}% ${62 + ((h >>> 17) % 12)}%)`
}

/**
 * One colour per frame of the incident. Frames of one kind vary a little in lightness by
 * function name, so neighbours stay apart without changing what the colour means.
 */
export function computeFrameColors(incident: Incident, mode: 'kind' | 'module'): string[] {
  const { frames, strings } = incident
  const out: string[] = new Array(frames.length)
  for (let f = 0; f < frames.length; f++) {
    if (mode === 'module') {
      out[f] = moduleColor(frames.module[f] === NONE ? '' : strings[frames.module[f]])
    } else {
      const [h, s, l] = KIND_HSL[frames.kind[f] as FrameKind]
      const shift = ((hashString(strings[frames.func[f]]) >>> 0) % 9) - 4
      out[f] = `hsl(${h} ${s}% ${l + shift}%)`
    }
  }
  return out
}

const diffSteps = 20
const diffCache: string[] = []
/**
 * Colour for a change ratio from -1 (shrank, blue) through 0 (same, pale) to 1 (grew, red),
 * as in Brendan Gregg's differential flame graphs. Quantised so strings are reused.
 */
export function diffColor(ratio: number): string {
  const step = Math.round(Math.max(-1, Math.min(1, ratio)) * diffSteps)
  const cached = diffCache[step + diffSteps]
  if (cached) return cached
  const t = Math.abs(step) / diffSteps
  const color =
    step === 0 ? 'hsl(40 10% 86%)' : `hsl(${step > 0 ? 2 : 218} ${55 + 30 * t}% ${86 - 34 * t}%)`
  diffCache[step + diffSteps] = color
  return color
}
