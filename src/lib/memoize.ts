/**
 * Memoises a derivation of an object and one more argument (the incident and a grouping
 * mode, a snapshot, a transform stack), keeping several results per object rather than the
 * last call's only: views that ask for different modes or snapshots of one incident no longer
 * evict each other, and switching back is free.
 *
 * Results are held per object in a `WeakMap`, so they go with the object (a new load frees
 * the old incident's). Per object they are kept by `key(arg)` (the argument itself by
 * default, by reference), at most `size` of them, the least recently used dropped first.
 * The same object and an argument of the same key give the same result, so `===` checks
 * downstream (React memos, zustand selectors) hold.
 */
export function memoizePerObject<O extends object, A, R>(
  derive: (object: O, arg: A) => R,
  options: { size: number; key?: (arg: A) => unknown },
): (object: O, arg: A) => R {
  const { size, key } = options
  const byObject = new WeakMap<O, Map<unknown, R>>()
  return (object, arg) => {
    const k = key ? key(arg) : arg
    let results = byObject.get(object)
    if (!results) {
      results = new Map()
      byObject.set(object, results)
    } else if (results.has(k)) {
      const hit = results.get(k) as R
      // A Map iterates in insertion order: re-inserting marks the entry most recently used.
      results.delete(k)
      results.set(k, hit)
      return hit
    }
    const result = derive(object, arg)
    results.set(k, result)
    if (results.size > size) results.delete(results.keys().next().value)
    return result
  }
}
