/**
 * `JSON.stringify(object)` as pieces of about `budget` characters that join to the same text.
 * One string holds at most 2^29 characters in V8, and the groups of a dump of a million
 * distinct stacks came to 250 MB of JSON held at once; written piece by piece, the output
 * has no such limit and is never held whole.
 *
 * The object is split at its fields and an array field at its elements (the shape of
 * `--json`: a few fields, a few of them long lists); each element or other field is one
 * `JSON.stringify` call, so escaping and number formatting are the engine's own. A field may
 * also be a `LazyList`, written as an array whose elements are made as they are written.
 */
export function* jsonChunks(object: Record<string, unknown>, budget = 1 << 20): Generator<string> {
  let pending = '{'
  let first = true
  for (const key of Object.keys(object)) {
    const field = object[key]
    const list = Array.isArray(field) || field instanceof LazyList ? (field as ListLike) : null
    const fieldText = list ? null : JSON.stringify(field)
    // As JSON.stringify: a field with no JSON form (undefined, a function) is left out.
    if (fieldText === undefined) continue
    pending += (first ? '' : ',') + JSON.stringify(key) + ':'
    first = false
    if (list === null) {
      pending += fieldText
    } else {
      pending += '['
      for (let i = 0; i < list.length; i++) {
        // As JSON.stringify: an element with no JSON form is null.
        pending += (i > 0 ? ',' : '') + (JSON.stringify(list.at(i)) ?? 'null')
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

type ListLike = { readonly length: number; at(index: number): unknown }

/**
 * A list whose elements are made when asked for: `jsonChunks` writes it as an array, one
 * element at a time, so a million groups' JSON objects are never held at once.
 */
export class LazyList<T> {
  constructor(
    readonly length: number,
    readonly at: (index: number) => T,
  ) {}

  toArray(): T[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i))
  }
}
