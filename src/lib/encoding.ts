/**
 * Bytes as text, for the places that carry binary inside text: inputs inside a `.debrief`
 * bundle (`{ encoding, data }`) and the `<version>.<base64url>` payload of a share link. The
 * version comes first and is plain text, so a reader can refuse a payload it does not know
 * before it decodes anything (Excalidraw's `data/encode.ts` wraps its payloads the same way).
 */

/** Text that is not the encoding it claims to be; the message says what is wrong. */
export class EncodingError extends Error {
  override name = 'EncodingError'
}

/** An input's bytes as bundle text: UTF-8 text as is, anything else as base64. */
export type EncodedContent = { encoding: 'utf8' | 'base64'; data: string }

/** String.fromCharCode takes its arguments on the stack: convert this many bytes at a time. */
const CHUNK = 0x8000

/** Standard base64 with `=` padding (RFC 4648 section 4). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  return btoa(binary)
}

/** Whether `text` is standard, padded base64. */
export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text)
}

/** Decodes standard, padded base64; anything else throws an EncodingError that says why. */
export function base64ToBytes(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text))
    throw new EncodingError(
      'This is not valid base64: it holds characters other than A–Z, a–z, 0–9, +, / and = padding.',
    )
  if (text.length % 4 !== 0)
    throw new EncodingError('This is not valid base64: its length is not a multiple of 4 (cut?).')
  return binaryToBytes(atob(text))
}

/** base64url without padding (RFC 4648 section 5), for URLs. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  const base64 = bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_')
  let end = base64.length
  while (end > 0 && base64[end - 1] === '=') end--
  return base64.slice(0, end)
}

/** Decodes unpadded base64url; anything else throws an EncodingError that says why. */
export function base64UrlToBytes(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text))
    throw new EncodingError(
      'This is not valid base64url: it holds characters other than A–Z, a–z, 0–9, - and _.',
    )
  // Three bytes make four characters, so no whole number of bytes leaves one over.
  if (text.length % 4 === 1)
    throw new EncodingError('This is not valid base64url: it ends one character into a group.')
  return binaryToBytes(atob(text.replace(/-/g, '+').replace(/_/g, '/')))
}

/** An input's bytes for a bundle: UTF-8 text where they are valid UTF-8, else base64. */
export function encodeContent(bytes: Uint8Array): EncodedContent {
  try {
    return {
      encoding: 'utf8',
      data: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes),
    }
  } catch {
    return { encoding: 'base64', data: bytesToBase64(bytes) }
  }
}

/** The bytes (or, for UTF-8 content, the text) of an encoded input. */
export function decodeContent(content: EncodedContent): Uint8Array | string {
  return content.encoding === 'utf8' ? content.data : base64ToBytes(content.data)
}

/** `<version>.<data>`: a payload that names the version of its format first. */
export function joinVersion(version: string, data: string): string {
  return `${version}.${data}`
}

/** Splits `<version>.<data>`; null when there is no version. */
export function splitVersion(text: string): { version: string; data: string } | null {
  const dot = text.indexOf('.')
  return dot === -1 ? null : { version: text.slice(0, dot), data: text.slice(dot + 1) }
}

function binaryToBytes(binary: string): Uint8Array {
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}
