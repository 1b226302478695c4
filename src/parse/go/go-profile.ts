import type { IncidentBuilder } from '../../model/builder'
import type { IndexIntoFrameTable, LineNumber } from '../../model/types'
import type { GoFrames } from './go-frames'
import { parseFileLine } from './go-lines'

/**
 * `/debug/pprof/goroutine?debug=1` (runtime/pprof `printCountProfile`, go1.9+): goroutines
 * grouped by identical stack, each group weighted by its count.
 *
 * ```
 * goroutine profile: total 5
 * 3 @ 0x43bd85 0x44c9d2 0x4a8f6f
 * # labels: {"job":"x"}
 * #	0x44c9d1	sync.runtime_Semacquire+0x31	/usr/lib/go/src/runtime/sema.go:62
 * ```
 * Reference: https://github.com/golang/go/blob/go1.23.4/src/runtime/pprof/pprof.go
 * (printCountProfile), read 2026-11-22.
 *
 * States: between groups (from: the total line, a blank) -> in a group (from: `N @ ...`;
 * to: between groups on a blank or the next `N @`).
 */
export class GoProfileReader {
  private open = false
  private count = 0
  private firstLine = 0
  private readonly frames: IndexIntoFrameTable[] = []
  private sum = 0

  constructor(
    private readonly builder: IncidentBuilder,
    private readonly goFrames: GoFrames,
    /** The `total N` the profile announced. */
    private readonly total: number,
  ) {}

  /** Reads one line (trimmed); false when it is not part of the profile. */
  push(text: string, lineNo: LineNumber): boolean {
    if (text === '') {
      this.endGroup()
      return true
    }
    // `280 @ 0x43bd85 0x44c9d2 ...`: a group of goroutines with the same stack.
    const at = text.indexOf(' @ ')
    if (at > 0 && /^\d+$/.test(text.slice(0, at))) {
      this.endGroup()
      this.open = true
      this.count = Number(text.slice(0, at))
      this.sum += this.count
      this.firstLine = lineNo
      this.frames.length = 0
      return true
    }
    if (text.startsWith('#')) {
      // `#\t0x4a8f6f\tnet/http.(*conn).serve+0x7ef\t/usr/local/go/src/net/http/server.go:1991`,
      // `#\t0x4a8f6f` (no symbol) or `# labels: {...}`.
      const parts = text.split('\t')
      if (!this.open || parts.length < 2) return true
      const address = parts[1]
      const sym = parts[2] ?? ''
      const plus = sym.lastIndexOf('+0x')
      const func = plus === -1 ? sym : sym.slice(0, plus)
      const loc = parts.length >= 4 ? parseFileLine(parts[3]) : null
      this.frames.push(this.goFrames.frame(func, loc?.file, loc?.line, address))
      return true
    }
    return false
  }

  close(): void {
    this.endGroup()
    if (this.sum !== this.total) {
      this.builder.warn(
        `The goroutine profile says total ${this.total} but its groups add up to ${this.sum}.`,
      )
    }
  }

  private endGroup(): void {
    if (!this.open) return
    this.open = false
    this.builder.addRecord({
      stack: this.builder.stackFromLeafFirst(this.frames),
      count: this.count,
      line: this.firstLine,
    })
  }
}
