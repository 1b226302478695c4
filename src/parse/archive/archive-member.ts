/** One file inside a support bundle, read as it streams out of the archive. */
export type ArchiveMember = {
  /** The member's path inside the archive (`logs/app.log`): the source's name. */
  name: string
  /** Size in bytes once extracted, 0 when the archive does not say. */
  size: number
  /** The member's bytes; read it to the end or cancel it before taking the next member. */
  body: ReadableStream<Uint8Array>
}

/** Whether a tar header starts these bytes: POSIX `ustar` (and GNU `ustar `) at offset 257. */
export function isTar(head: Uint8Array): boolean {
  return (
    head.length >= 263 &&
    head[257] === 0x75 && // u
    head[258] === 0x73 && // s
    head[259] === 0x74 && // t
    head[260] === 0x61 && // a
    head[261] === 0x72 // r
  )
}
