/** The most a binary input (a pprof profile) may hold once decompressed. */
export const MAX_BINARY_BYTES = 1 << 30

/**
 * Joins `first` and every chunk `next` yields into one buffer, for inputs that are decoded
 * whole (protobuf has no line to stop at). Throws past `MAX_BINARY_BYTES`.
 */
export async function readAll(
  first: Uint8Array,
  next: () => Promise<Uint8Array | null>,
): Promise<Uint8Array> {
  const chunks = [first]
  let size = first.length
  for (let chunk = await next(); chunk !== null; chunk = await next()) {
    size += chunk.length
    if (size > MAX_BINARY_BYTES) throw new Error(`more than ${MAX_BINARY_BYTES >> 20} MB`)
    chunks.push(chunk)
  }
  const out = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}
