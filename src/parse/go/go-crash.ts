import type { IncidentBuilder } from '../../model/builder'
import type { CrashFact, IndexIntoRecordTable, LineNumber, Milliseconds } from '../../model/types'
import { EventKind, Level, NONE } from '../../model/types'
import { HeldLines } from '../held-lines'
import type { RegionLine } from '../region'

/** Message lines after `panic: ` kept at most (multi-line panic values, test timeouts). */
const MAX_MESSAGE_LINES = 20
const MAX_MESSAGE_LENGTH = 2000

/**
 * A crash being read: `panic: ` / `fatal error: ` / `SIGABRT: abort` and the lines that follow
 * it (`[signal ...]`, `PC=`, `runtime: ...`). It is stored only once Go structure confirms it,
 * so `panic: ` inside an ordinary log message never becomes a crash fact.
 */
export class PendingCrash {
  readonly fact: Omit<CrashFact, 'source'>
  /** The stored fact once committed (mutable: `record` and details arrive later). */
  stored: CrashFact | null = null
  /** The next goroutine or headerless stack is the one that crashed. */
  awaitingRecord = true
  /** A blank line or a `[signal` line ended the message. */
  messageDone = false
  private messageLines = 0
  /** Message lines no other line of the crash has followed yet (`continueMessage`). */
  private readonly unconfirmed = new HeldLines()
  /** The message's length before its first unconfirmed line. */
  private confirmedLength = 0

  constructor(kind: string, message: string, line: LineNumber, time: Milliseconds | undefined) {
    this.fact = { format: 'go', kind, message, record: NONE, line, time, details: [] }
  }

  /**
   * The fact later lines fill in (`[signal …]`, `PC=`): the stored copy once committed. A
   * `panic during panic` commits before its `[signal` line, whose signal was otherwise lost.
   */
  get current(): Omit<CrashFact, 'source'> {
    return this.stored ?? this.fact
  }

  /** A nested `panic:` (after `[recovered]`) or the `fatal error:` after `runtime:` lines. */
  also(kind: string, message: string): void {
    const fact = this.current
    if (fact.message === '') {
      fact.kind = kind
      fact.message = message
    } else this.detail(`${kind}: ${message}`)
  }

  /**
   * Appends a line of a multi-line message; false when the message is over or too long. The
   * line stays unconfirmed until another line of the crash follows it (`confirmMessage`): a
   * region that ends on message lines hands them back (`takeUnconfirmed`), since a panic's
   * message ends with a blank line and the lines after a lone `panic: boom` that no blank line
   * or goroutine followed were the log's.
   */
  continueMessage(text: string, line: RegionLine): boolean {
    if (this.messageDone || this.messageLines >= MAX_MESSAGE_LINES) return false
    this.messageLines++
    const fact = this.current
    if (this.unconfirmed.size === 0) this.confirmedLength = fact.message.length
    this.unconfirmed.hold(line)
    if (fact.message.length < MAX_MESSAGE_LENGTH) fact.message += '\n' + text
    return true
  }

  /** The message lines read so far are the crash's: a line of its own followed them. */
  confirmMessage(): void {
    this.unconfirmed.confirm()
  }

  /** Takes the unconfirmed message lines off the message and returns them, oldest first. */
  takeUnconfirmed(): RegionLine[] {
    const lines = this.unconfirmed.take()
    if (lines.length === 0) return lines
    this.messageLines -= lines.length
    const fact = this.current
    fact.message = fact.message.slice(0, this.confirmedLength)
    return lines
  }

  detail(text: string): void {
    const details = this.current.details
    if (!details.includes(text)) details.push(text)
  }

  /** Stores the fact and its timeline event (once). */
  commit(builder: IncidentBuilder): CrashFact {
    if (this.stored) return this.stored
    const fact = this.fact
    if (fact.message === '' && fact.details.length) fact.message = fact.details[0]
    this.stored = builder.addCrash(fact)
    builder.addEvent({
      time: fact.time ?? NaN,
      kind: EventKind.crash,
      level: Level.fatal,
      line: fact.line,
      label: `${fact.kind}: ${fact.message.split('\n', 1)[0]}`.slice(0, 200),
    })
    return this.stored
  }

  /** The `runtime stack:` section's frames, leaf first. */
  setRuntimeStack(frames: string[]): void {
    this.current.runtimeStack = frames
  }

  /** Points the stored fact at the record of the goroutine that crashed. */
  setRecord(record: IndexIntoRecordTable, goroutine: number): void {
    if (!this.stored) return
    this.stored.record = record
    if (goroutine !== -1) this.stored.threadId = goroutine
  }
}
