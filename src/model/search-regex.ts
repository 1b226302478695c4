/**
 * A user's search regex (Stacks `/re/`, flame Find, `#q=`, `#find=`, a bundle's view) runs on
 * the main thread, so one that backtracks catastrophically freezes whoever opens the link:
 * `/(a+)+$/` in an 839-character link froze the tab for good. This refuses the shape behind
 * such regexes, a repeated group that itself contains a repeat (star height above one), with
 * a message instead of running it. Polynomial backtracking without nesting is not caught here.
 */

/** Why `source` is refused, or null when it has no repeat nested inside a repeat. */
export function nestedRepeat(source: string): string | null {
  // For each open group: does it contain a repeat?
  const groups: boolean[] = []
  let closedWithRepeat = false
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (c === '\\') {
      i++
      closedWithRepeat = false
      continue
    }
    if (inClass) {
      if (c === ']') inClass = false
      continue
    }
    const unbounded =
      c === '*' ||
      c === '+' ||
      (c === '{' && /^\{\d*,\d*\}|^\{\d{2,}\}/.test(source.slice(i, i + 12)))
    if (unbounded) {
      if (closedWithRepeat)
        return 'it repeats a group that already repeats (like (a+)+ or (\\w+\\s?)*), which can take forever on some text; rewrite it without the nested repeat'
      if (groups.length) groups[groups.length - 1] = true
      closedWithRepeat = false
      continue
    }
    closedWithRepeat = false
    if (c === '[') inClass = true
    else if (c === '(') groups.push(false)
    else if (c === ')') {
      const inner = groups.pop() ?? false
      closedWithRepeat = inner
      // A repeat inside makes the enclosing group repeat-bearing too.
      if (inner && groups.length) groups[groups.length - 1] = true
    }
  }
  return null
}
