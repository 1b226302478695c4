import type { FrameInput } from '../../model/builder'
import { FrameKind } from '../../model/types'
import { valgrindFrame } from '../valgrind/valgrind-common'

/**
 * One allocation-tree node as massif prints it: in `massif.out` files
 * (`n2: 204096 0x109170: make_entry (leaky_cache.c:9)`) and in ms_print's trees
 * (`->99.98% (2,826,528B) 0x109170: make_entry (leaky_cache.c:9)`). The text after the size
 * is written by `pp_snapshot_SXPt` in valgrind's `massif/ms_main.c` (valgrind 3.19, 2022):
 * `ADDR: FUNC (FILE:LINE)`, `ADDR: FUNC (in MODULE)`, `ADDR: ???`, or the aggregate
 * `in N places, all below massif's threshold (T)`.
 */

/** The frame a node's text names. */
export function parseMassifFrame(text: string): FrameInput {
  const below = /^in (\d+\+?) places?, (?:all )?below (?:massif's|ms_print's) threshold/.exec(text)
  if (below) return { func: `(${below[1]} places below threshold)`, kind: FrameKind.unknown }
  let rest = text
  let address: string | undefined
  const colon = rest.indexOf(': ')
  if (rest.startsWith('0x') && colon > 2) {
    address = rest.slice(0, colon)
    rest = rest.slice(colon + 2)
  }
  let file: string | undefined
  let line: number | undefined
  let module: string | undefined
  // The location is the last parenthesised group: C++ names carry their own parentheses.
  const open = rest.lastIndexOf(' (')
  if (open > 0 && rest.endsWith(')')) {
    const where = rest.slice(open + 2, -1)
    rest = rest.slice(0, open)
    if (where.startsWith('in ')) module = where.slice(3)
    else {
      const c = where.lastIndexOf(':')
      if (c > 0 && /^\d+$/.test(where.slice(c + 1))) {
        file = where.slice(0, c)
        line = Number(where.slice(c + 1))
      } else file = where
    }
  }
  // The frame memcheck would make of the same text, so both tools' stacks share frames.
  return valgrindFrame(address, rest.trim() || undefined, module, file, line)
}
