import { flatString } from '../../lib/flat-string'
import type { RegionLine } from '../region'

/**
 * A text of one line, kept to recognise it when it comes again: most lines of a dump repeat
 * the goroutine's before. The text is copied flat the first time it comes again: V8 compares
 * a slice with a flat string faster than with another slice, and the copy does not keep the
 * chunk it was sliced from alive.
 */
export class RepeatedText {
  private flat = false

  constructor(private value: string) {}

  /** The text: a flat copy once it has come again. */
  get text(): string {
    return this.value
  }

  /** Whether `line` is the text. */
  isLine(line: RegionLine): boolean {
    return line.text === this.value && this.sawAgain()
  }

  /** Whether `line` starts with the text. */
  startsLine(line: RegionLine): boolean {
    // Not `startsWith`, which V8 runs about twice as long: it compares character by character.
    const value = this.value
    return line.text.slice(0, value.length) === value && this.sawAgain()
  }

  private sawAgain(): true {
    if (!this.flat) {
      this.value = flatString(this.value)
      this.flat = true
    }
    return true
  }
}
