/**
 * Decoding a share link or a `.debrief` file: inflate (links), read, JSON-parse and validate,
 * each step bounded (`MAX_LINK_JSON_BYTES`, `MAX_BUNDLE_FILE_BYTES`, `BUNDLE_LIMITS`). Runs in
 * the bundle worker, and in-process under Node.
 */
import { BundleError, MAX_BUNDLE_FILE_BYTES, parseBundle } from '../model/notes/bundle'
import { decodeShareFragment, ShareLinkError } from '../model/share/share-link'
import type { DecodeBundleReply, DecodeBundleRequest } from './protocol'

const MB = 1024 * 1024

export async function decodeBundle(request: DecodeBundleRequest): Promise<DecodeBundleReply> {
  try {
    if (request.type === 'link') return { type: 'done', bundle: decodeShareFragment(request.value) }
    const { blob } = request
    if (blob.size > MAX_BUNDLE_FILE_BYTES)
      throw new BundleError(
        `This .debrief file is ${(blob.size / MB).toFixed(0)} MB, more than the ${MAX_BUNDLE_FILE_BYTES / MB} MB Debrief opens (a browser cannot hold more as one text); it was not opened.`,
      )
    return { type: 'done', bundle: parseBundle(await blob.text()) }
  } catch (error) {
    if (error instanceof BundleError || error instanceof ShareLinkError)
      return { type: 'error', message: error.message }
    throw error
  }
}
