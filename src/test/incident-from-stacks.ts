import { hashString } from '../lib/hash'
import { IncidentBuilder } from '../model/builder'
import type { Incident } from '../model/types'
import { FrameKind, RecordFlag } from '../model/types'

/**
 * Builds a small incident from text, one record per line (after the Firefox Profiler's
 * `getProfileFromTextSamples`):
 *
 *   `main.a;net.b;runtime.c [semacquire 27] (args)`  root first, `;`-separated;
 *   optional `[state minutes]`, `(args)` gives every frame the same argument text,
 *   `!` marks the crashing record, `*N` repeats the line N times.
 * Frame kinds: `runtime.` -> runtime, a package without a dot in its path -> stdlib when it
 * is `net`/`sync`/`os`, `lib.` -> library, else app. `fn@12` sets a line number.
 */
export function incidentFromStacks(text: string): Incident {
  const b = new IncidentBuilder()
  b.beginSource('stacks.txt', text.length, 'test')
  text
    .trim()
    .split('\n')
    .forEach((raw, lineNo) => {
      const m =
        /^(.*?)(?:\s*\[([^\]\d]*?)\s*(\d+)?\])?(?:\s*\((.*)\))?(?:\s*\*(\d+))?\s*(!)?$/.exec(
          raw.trim(),
        )
      if (!m) throw new Error(`bad line: ${raw}`)
      const [, stackText, state, wait, args, times, crashed] = m
      const names = stackText.split(';').filter(Boolean)
      const frames = names.map((name) => {
        const [func, line] = name.split('@')
        return b.frame({
          func,
          line: line ? Number(line) : 0,
          kind: kindOf(func),
          module: func.split('.')[0],
        })
      })
      for (let t = 0; t < Number(times ?? 1); t++) {
        const leafFirst = [...frames].reverse()
        const argList = args === undefined ? undefined : leafFirst.map(() => args)
        b.addRecord({
          stack: b.stackFromLeafFirst(leafFirst, leafFirst.length, argList),
          state: state?.trim() || undefined,
          waitMinutes: wait === undefined ? undefined : Number(wait),
          argsHash: args === undefined ? 0 : hashString(args),
          flags: crashed ? RecordFlag.crashed : 0,
          id: lineNo * 1000 + t,
          line: lineNo,
        })
      }
    })
  b.source.lines = text.split('\n').length
  return b.build()
}

function kindOf(func: string) {
  if (func.startsWith('runtime.')) return FrameKind.runtime
  if (/^(net|sync|os|io|time)\./.test(func)) return FrameKind.stdlib
  if (func.startsWith('lib.')) return FrameKind.library
  return FrameKind.app
}
