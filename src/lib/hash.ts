/**
 * 32-bit FNV-1a, the one hash of the project: argument signatures, stable group ids, module
 * colours and input fingerprints all use it, and stored postmortems and links keep its values,
 * so its output must never change. Reference: http://www.isthe.com/chongo/tech/comp/fnv/
 */

/** FNV-1a's 32-bit offset basis: the hash of nothing. */
export const FNV_OFFSET_BASIS = 0x811c9dc5
const FNV_PRIME = 0x01000193

/** One FNV-1a step: folds `unit` (a byte, a UTF-16 unit or a 32-bit word) into `h`. */
export function fnvStep(h: number, unit: number): number {
  return Math.imul(h ^ unit, FNV_PRIME)
}

/** The hash of a string's UTF-16 units, continued from `seed`; a signed 32-bit number. */
export function hashString(s: string, seed = FNV_OFFSET_BASIS): number {
  let h = seed
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME)
  return h | 0
}

/** The hash of `bytes[0, end)`, continued from `seed`. */
export function hashBytes(bytes: Uint8Array, seed: number, end = bytes.length): number {
  let h = seed
  for (let i = 0; i < end; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME)
  return h
}

/**
 * The hash of `text[start, end)` taken two UTF-16 units per step (a unit pair as one 32-bit
 * word), continued from `seed`: half the multiplies of hashString, for text hashed per line.
 */
export function hashUnitPairs(
  text: string,
  start: number,
  end: number,
  seed = FNV_OFFSET_BASIS,
): number {
  let h = seed
  let i = start
  for (; i + 1 < end; i += 2)
    h = Math.imul(h ^ (text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)), FNV_PRIME)
  if (i < end) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME)
  return h
}
