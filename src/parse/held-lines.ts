import type { RegionLine } from './region'

const MAX_HELD_LINES = 256

/**
 * Lines a region's reader took on trust, oldest first: a crash message that no blank line,
 * frame or note has confirmed yet, lines a report tolerated since its last line of its own.
 * `confirm` when a line of the reader's own follows them; at close, `take` what is still
 * held and give it back (`RegionReader.unclaimed`).
 */
export class HeldLines {
  private lines: RegionLine[] = []

  get size(): number {
    return this.lines.length
  }

  /**
   * As many lines as a reader holds: one that would hold more ends its region instead (a run
   * of blank lines after a lone error header is not all kept to the end of the input).
   */
  get full(): boolean {
    return this.lines.length >= MAX_HELD_LINES
  }

  hold(line: RegionLine): void {
    this.lines.push(line)
  }

  /** The lines held are the reader's: a line of its own followed them. */
  confirm(): void {
    if (this.lines.length > 0) this.lines = []
  }

  /** The lines held, oldest first; none are held after. */
  take(): RegionLine[] {
    const lines = this.lines
    if (lines.length > 0) this.lines = []
    return lines
  }
}
