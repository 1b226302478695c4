/**
 * `JSON.stringify(object)` as pieces of about `budget` characters that join to the same text.
 * One string holds at most 2^29 characters in V8, and the groups of a dump of a million
 * distinct stacks came to 250 MB of JSON held at once; written piece by piece, the output
 * has no such limit and is never held whole.
 *
 * The object is split at its fields and an array field at its elements (the shape of
 * `--json`: a few fields, a few of them long lists); each field, and each batch of a list's
 * elements, is one `JSON.stringify` call, so escaping and number formatting are the engine's
 * own. A field may also be a `LazyList`, written as an array whose elements are made as they
 * are written.
 *
 * Pieces of about 64 KB stay below V8's large-object size, so the young generation's quick
 * collection frees them once written: pieces of 1 MB went to the large-object space, which only
 * a full collection frees, and writing a million groups held 150 MB more at its peak.
 */
export function* jsonChunks(object: Record<string, unknown>, budget = 1 << 16): Generator<string> {
  // Texts to join into the next piece: a join makes one flat string, where `+=` made a rope
  // that writing to a stream had to flatten again (2 of 13 s for a million groups).
  let parts: string[] = []
  let size = 0
  const add = (text: string) => {
    parts.push(text)
    size += text.length
  }
  const take = () => {
    const piece = parts.join('')
    parts = []
    size = 0
    return piece
  }
  add('{')
  let first = true
  for (const key of Object.keys(object)) {
    const field = object[key]
    const list = Array.isArray(field) || field instanceof LazyList ? (field as ListLike) : null
    const fieldText = list ? '' : JSON.stringify(field)
    // As JSON.stringify: a field with no JSON form (undefined, a function) is left out.
    if (fieldText === undefined) continue
    add((first ? '' : ',') + JSON.stringify(key) + ':')
    first = false
    if (list === null) {
      add(fieldText)
    } else {
      add('[')
      const elementText = list instanceof LazyList ? list.text : undefined
      if (elementText) {
        // Written one by one, each as its own text: no batch to stringify.
        for (let i = 0; i < list.length; i++) {
          add((i > 0 ? ',' : '') + elementText(i))
          if (size >= budget) yield take()
        }
      } else {
        for (let start = 0; start < list.length; start += BATCH) {
          const batch: unknown[] = []
          for (let i = start; i < Math.min(list.length, start + BATCH); i++) batch.push(list.at(i))
          // One call writes many elements into one string; as in any array, an element with no
          // JSON form is null.
          const text = JSON.stringify(batch)
          add((start > 0 ? ',' : '') + text.slice(1, -1))
          if (size >= budget) yield take()
        }
      }
      add(']')
    }
    if (size >= budget) yield take()
  }
  add('}')
  yield take()
}

/** Elements of a list stringified together: a piece can pass its budget by one batch. */
const BATCH = 256

type ListLike = { readonly length: number; at(index: number): unknown }

/**
 * A list whose elements are made when asked for: `jsonChunks` writes it as an array, one
 * element at a time, so a million groups' JSON objects are never held at once. `text`, when
 * given, writes an element's JSON without making it: it must return `JSON.stringify(at(i))`.
 */
export class LazyList<T> {
  constructor(
    readonly length: number,
    readonly at: (index: number) => T,
    readonly text?: (index: number) => string,
  ) {}

  toArray(): T[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i))
  }
}
