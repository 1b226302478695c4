import { zlibSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { bytesToBase64Url } from '../lib/encoding'
import { createBundle, MAX_BUNDLE_FILE_BYTES } from '../model/notes/bundle'
import { createPostmortemState } from '../model/notes/document'
import { encodeShareFragment, MAX_LINK_JSON_BYTES } from '../model/share/share-link'
import { openBundle } from './bundle-client'
import { decodeBundle } from './decode-bundle'

const view = { activeView: 'stacks', groupMode: { type: 'lines' as const }, search: '' }
const bundle = createBundle(createPostmortemState('Checkout outage'), [], view, 7)

describe('decoding links and bundles for the worker', () => {
  it('a link and a file decode to the same bundle', async () => {
    const link = encodeShareFragment(bundle).slice('share='.length)
    const fromLink = await decodeBundle({ type: 'link', value: link })
    const blob = new Blob([JSON.stringify(bundle)])
    const fromFile = await decodeBundle({ type: 'file', name: 'a.debrief', blob })
    expect(fromLink).toEqual({ type: 'done', bundle })
    expect(fromFile).toEqual({ type: 'done', bundle })
  })

  it('a bomb is a reply naming the limit, not a throw', async () => {
    const bomb = zlibSync(new Uint8Array(MAX_LINK_JSON_BYTES * 2).fill(32), { level: 9 })
    const reply = await decodeBundle({ type: 'link', value: `1.${bytesToBase64Url(bomb)}` })
    expect(reply.type).toBe('error')
    expect(reply.type === 'error' && reply.message).toMatch(/unpacks to more than 16 MB/)
  })

  it('a file over the size limit is refused before it is read', async () => {
    let read = false
    const huge = {
      size: MAX_BUNDLE_FILE_BYTES + 1,
      text: () => {
        read = true
        return Promise.resolve('')
      },
    } as unknown as Blob
    const reply = await decodeBundle({ type: 'file', name: 'big.debrief', blob: huge })
    expect(reply).toEqual({
      type: 'error',
      message: expect.stringMatching(/is 500 MB, more than the 500 MB Debrief opens/),
    })
    expect(read).toBe(false)
  })

  it('openBundle rejects with the reply message', async () => {
    const blob = new Blob(['{"format":"debrief-bundle","version":3,'])
    await expect(openBundle({ type: 'file', name: 'cut.debrief', blob })).rejects.toThrow(
      /not valid JSON/,
    )
  })
})
