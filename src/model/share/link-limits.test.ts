import { zlibSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { BUNDLE_LIMITS, createBundle, parseBundle, validatePostmortemState } from '../notes/bundle'
import { createPostmortemState } from '../notes/document'
import { addMarker } from '../notes/postmortem'
import { decodeShareFragment, encodeShareFragment, MAX_LINK_JSON_BYTES } from './share-link'

const base64url = (bytes: Uint8Array) =>
  Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const view = { activeView: 'stacks', groupMode: { type: 'lines' as const }, search: '' }

describe('link and bundle limits say which limit was hit', () => {
  it('a decompression bomb stops at the cap', () => {
    // Guards against a 1.5 GB bomb freezing the tab and then calling itself "not valid JSON".
    const bomb = zlibSync(new Uint8Array(MAX_LINK_JSON_BYTES + 1024 * 1024).fill(32), { level: 9 })
    expect(() => decodeShareFragment(`1.${base64url(bomb)}`)).toThrow(
      /unpacks to more than 16 MB, the most Debrief opens from a link/,
    )
  })

  it('a 2 MB title is refused, naming the field and the limit', () => {
    const state = createPostmortemState('x'.repeat(2_000_000))
    const link = encodeShareFragment(createBundle(state, [], view, 1)).slice('share='.length)
    expect(() => decodeShareFragment(link)).toThrow(
      /doc\.title \(characters\) has 2,000,000, and the most Debrief opens is 1,000/,
    )
  })

  it('too many markers are refused before each is checked', () => {
    let state = createPostmortemState('t')
    for (let i = 0; i <= BUNDLE_LIMITS.markers; i++)
      state = addMarker(state, i, 'm', 'trigger').state
    expect(() => parseBundle(JSON.stringify(createBundle(state, [], view, 1)))).toThrow(
      /bundle\.state\.markers \(items\) has 5,001, and the most Debrief opens is 5,000/,
    )
  })

  it('an input with invalid base64 is named instead of failing in atob', () => {
    const bundle = createBundle(createPostmortemState('t'), [], view, 1)
    const bad = {
      ...bundle,
      inputs: [
        { name: 'a.bin', bytes: 3, fingerprint: 'f', content: { encoding: 'base64', data: '@@@' } },
      ],
    }
    expect(() => parseBundle(JSON.stringify(bad))).toThrow(
      /bundle\.inputs\[0\]\.content\.data should be base64/,
    )
  })

  it('every other text and list has a limit too, named by its path', () => {
    let state = createPostmortemState('t')
    state = addMarker(state, 1, 'x'.repeat(BUNDLE_LIMITS.fieldChars + 1), 'trigger').state
    expect(() => parseBundle(JSON.stringify(createBundle(state, [], view, 1)))).toThrow(
      /bundle\.state\.markers\[0\]\.label \(characters\) has 100,001, and the most Debrief opens is 100,000/,
    )
    const search = { ...view, search: 's'.repeat(BUNDLE_LIMITS.fieldChars + 1) }
    expect(() =>
      parseBundle(JSON.stringify(createBundle(createPostmortemState('t'), [], search, 1))),
    ).toThrow(/bundle\.view\.search \(characters\) has 100,001/)
  })

  it('a postmortem read back from this browser is not refused for its size', () => {
    // Guards against losing what the user wrote: limits hold imports, not the user's own work.
    const own = createPostmortemState('x'.repeat(BUNDLE_LIMITS.titleChars * 10))
    expect(validatePostmortemState(JSON.parse(JSON.stringify(own))).doc.title).toBe(own.doc.title)
  })
})
