import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeContent } from '../../lib/encoding'
import { parseBundle } from '../notes/bundle'
import { SHARE_PARAM, decodeShareFragment, encodeShareFragment } from './share-link'

// Both samples were written by Debrief before its base64 code was gathered in lib/encoding.ts:
// links and bundles people already hold must keep opening.
const fixture = (name: string) => readFileSync(`src/model/share/__fixtures__/${name}`, 'utf8')
const link = fixture('share-link-v1.txt').trim()
const bundleText = fixture('bundle-v3.debrief')

describe('encoded samples from earlier versions', () => {
  it('a share link opens to the bundle it was made from', () => {
    const bundle = decodeShareFragment(link.slice(SHARE_PARAM.length + 1))
    expect(bundle).toEqual(parseBundle(bundleText))
    expect(bundle.state.doc.title).toBe('Cache stampede after deploy')
    // The same bundle still encodes to the same link, byte for byte.
    expect(encodeShareFragment(bundle)).toBe(link)
  })

  it('a bundle’s inputs decode to their bytes', () => {
    const [text, binary] = parseBundle(bundleText).inputs
    expect(decodeContent(text.content!)).toBe('goroutine 1 [running]:')
    const bytes = decodeContent(binary.content!) as Uint8Array
    expect(bytes.length).toBe(binary.bytes)
    expect([...bytes]).toEqual(Array.from({ length: 256 }, (_, i) => i))
  })
})
