import { RE2JS } from 're2js'

/** A test of a text against what a person typed or a link carried. */
export type TextTest = (text: string) => boolean

/**
 * Compiles a regular expression a person typed or a link carried (the Stacks search, the flame
 * Find, `#q=`, `#find=`, a bundle's view, a hide transform) for RE2JS, a linear-time engine: it
 * never backtracks, so `/(a+)+$/` in a crafted link runs in the time of the text it reads
 * instead of freezing the tab, and no shape of regex has to be refused. JavaScript syntax is
 * translated; what RE2 cannot do in linear time (backreferences, lookaround) is an error that
 * says so. Flags: `i`, `m` and `s` as in JavaScript; others are ignored.
 */
export function compileUserRegex(source: string, flags: string): TextTest | { error: string } {
  let mask = 0
  if (flags.includes('i')) mask |= RE2JS.CASE_INSENSITIVE
  if (flags.includes('m')) mask |= RE2JS.MULTILINE
  if (flags.includes('s')) mask |= RE2JS.DOTALL
  try {
    const re = RE2JS.compile(RE2JS.translateRegExp(source), mask)
    return (text) => re.test(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { error: `This regex cannot be read: ${message}.` }
  }
}
