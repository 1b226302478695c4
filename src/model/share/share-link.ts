import { strFromU8, strToU8, Unzlib, zlibSync } from 'fflate'
import { base64UrlToBytes, bytesToBase64Url, joinVersion, splitVersion } from '../../lib/encoding'
import { BundleError, parseBundle, type DebriefBundle } from '../notes/bundle'

/**
 * A share link carries a whole `.debrief` bundle in the URL fragment, which browsers never
 * send to a server: `#share=1.<base64url(zlib(JSON))>`. zlib (deflate with a checksum) makes a
 * truncated or altered link fail loudly instead of decoding to something else.
 */
export const SHARE_PARAM = 'share'
const SHARE_VERSION = '1'

/** Where people paste links, and how long a link each place keeps whole. */
export const LINK_LIMITS = [
  { where: 'Microsoft Teams, Discord, most chat and tickets', chars: 2000 },
  { where: 'Slack', chars: 8000 },
  { where: 'a browser address bar', chars: 2_000_000 },
] as const

/** The most JSON a link may inflate to: a real postmortem with a small input is far less. */
export const MAX_LINK_JSON_BYTES = 16 * 1024 * 1024

/** zlib-inflates, stopping as soon as the output passes `max` bytes (a decompression bomb). */
function inflateCapped(data: Uint8Array, max: number): Uint8Array | null {
  const chunks: Uint8Array[] = []
  let total = 0
  let tooLarge = false
  const inflater = new Unzlib((chunk) => {
    total += chunk.length
    if (total > max) {
      tooLarge = true
      throw new RangeError('too large')
    }
    chunks.push(chunk)
  })
  try {
    inflater.push(data, true)
  } catch (error) {
    if (tooLarge) return null
    throw error
  }
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

export class ShareLinkError extends Error {
  override name = 'ShareLinkError'
}

export function encodeShareFragment(bundle: DebriefBundle): string {
  const packed = zlibSync(strToU8(JSON.stringify(bundle)), { level: 9 })
  return `${SHARE_PARAM}=${joinVersion(SHARE_VERSION, bytesToBase64Url(packed))}`
}

/** Decodes and validates a share fragment; every failure says what went wrong. */
export function decodeShareFragment(value: string): DebriefBundle {
  const versioned = splitVersion(value)
  if (!versioned) throw new ShareLinkError('This share link is malformed: it has no version.')
  const { version, data } = versioned
  if (version !== SHARE_VERSION) {
    throw new ShareLinkError(
      `This share link was made by a newer version of Debrief (link format ${version}).`,
    )
  }
  if (!/^[A-Za-z0-9_-]*$/.test(data)) {
    throw new ShareLinkError(
      'This share link is damaged: it contains characters a link cannot have.',
    )
  }
  let json: string
  try {
    // A link cut at a length base64 cannot end at is truncated too, not foreign.
    const inflated = inflateCapped(base64UrlToBytes(data), MAX_LINK_JSON_BYTES)
    if (!inflated)
      throw new ShareLinkError(
        `This share link unpacks to more than ${MAX_LINK_JSON_BYTES / 1024 / 1024} MB, the most Debrief opens from a link; it was not opened. Ask for a .debrief file instead.`,
      )
    json = strFromU8(inflated)
  } catch (error) {
    if (error instanceof ShareLinkError) throw error
    throw new ShareLinkError(
      'This share link is truncated or damaged (its data does not decompress). Ask for the link again, or for a .debrief file.',
    )
  }
  try {
    return parseBundle(json)
  } catch (error) {
    const why = error instanceof BundleError ? error.message : String(error)
    throw new ShareLinkError(`This share link does not hold a valid postmortem: ${why}`)
  }
}

/** Which paste targets a link of this length fits. */
export function describeLinkLength(length: number): { fits: string[]; tooLongFor: string[] } {
  return {
    fits: LINK_LIMITS.filter((l) => length <= l.chars).map((l) => l.where),
    tooLongFor: LINK_LIMITS.filter((l) => length > l.chars).map((l) => l.where),
  }
}
