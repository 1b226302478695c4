/**
 * `JSON.stringify(object)` as pieces of about `budget` characters that join to the same text.
 * One string holds at most 2^29 characters in V8, and the groups of a dump of a million
 * distinct stacks came to 250 MB of JSON held at once; written piece by piece, the output
 * has no such limit and is never held whole.
 *
 * The object is split at its fields and an array field at its elements (the shape of
 * `--json`: a few fields, a few of them long lists); each element or other field is one
 * `JSON.stringify` call, so escaping and number formatting are the engine's own.
 */
export function* jsonChunks(object: Record<string, unknown>, budget = 1 << 20): Generator<string> {
  let pending = '{'
  let first = true
  for (const key of Object.keys(object)) {
    const field = object[key]
    const fieldText = Array.isArray(field) ? null : JSON.stringify(field)
    // As JSON.stringify: a field with no JSON form (undefined, a function) is left out.
    if (fieldText === undefined) continue
    pending += (first ? '' : ',') + JSON.stringify(key) + ':'
    first = false
    if (fieldText !== null) {
      pending += fieldText
    } else {
      const list = field as unknown[]
      pending += '['
      for (let i = 0; i < list.length; i++) {
        // As JSON.stringify: an element with no JSON form is null.
        pending += (i > 0 ? ',' : '') + (JSON.stringify(list[i]) ?? 'null')
        if (pending.length >= budget) {
          yield pending
          pending = ''
        }
      }
      pending += ']'
    }
    if (pending.length >= budget) {
      yield pending
      pending = ''
    }
  }
  yield pending + '}'
}
