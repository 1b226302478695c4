import type { Level, LineNumber, Milliseconds } from './types'

/** The most log events held before they join the event columns. */
export const LOG_EVENT_BATCH = 1024

/**
 * The events of plain log lines not yet in the event columns (`IncidentBuilder.addLogEvent`):
 * their time, level and line stored in place, where an event added alone was a call per column,
 * seven a line, each boxing its number. The rest of such an event is the same for all: a log
 * event at a wall-clock time, of the current source, without a label.
 */
export class LogEventBatch {
  readonly times = new Float64Array(LOG_EVENT_BATCH)
  readonly levels = new Uint8Array(LOG_EVENT_BATCH)
  readonly lines = new Int32Array(LOG_EVENT_BATCH)
  count = 0

  /** Holds one event; true when the batch is full and must be emptied. */
  add(time: Milliseconds, level: Level, line: LineNumber): boolean {
    const n = this.count
    this.times[n] = time
    this.levels[n] = level
    this.lines[n] = line
    this.count = n + 1
    return n + 1 === LOG_EVENT_BATCH
  }
}
