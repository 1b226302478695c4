import { flatString } from '../../lib/flat-string'

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

  /** Whether `source[start, end)` is the text. */
  isAt(source: string, start: number, end: number): boolean {
    // A slice compared whole: V8 runs `startsWith` character by character.
    const value = this.value
    return end - start === value.length && source.slice(start, end) === value && this.sawAgain()
  }

  private sawAgain(): true {
    if (!this.flat) {
      this.value = flatCopy(this.value)
      this.flat = true
    }
    return true
  }
}

// The flat copies made, by their text: a dump's stacks alternate between a few shapes, and each
// return to one remembers its lines again; a look-up costs less than a copy. Bounded so a
// hostile input cannot grow it without limit, like the header brackets' cache.
const flatCopies = new Map<string, string>()
const MAX_FLAT_COPIES = 4096

/** A flat copy of `text`, the one made before when there was one. */
function flatCopy(text: string): string {
  let flat = flatCopies.get(text)
  if (flat === undefined) {
    if (flatCopies.size >= MAX_FLAT_COPIES) flatCopies.clear()
    flat = flatString(text)
    flatCopies.set(flat, flat)
  }
  return flat
}
