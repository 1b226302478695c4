import { describe, expect, it } from 'vitest'
import { createBundle } from '../notes/bundle'
import { createPostmortemState } from '../notes/document'
import {
  decodeShareFragment,
  describeLinkLength,
  encodeShareFragment,
  SHARE_PARAM,
} from './share-link'

function sampleBundle() {
  const state = createPostmortemState('DNS lookups without timeouts')
  state.doc.sections[0].body = 'Goroutines leaked: 420,563 in `net.lookupIPDeadline`.'
  state.markers.push({
    id: 'm1',
    time: Date.UTC(2015, 2, 14, 8, 0),
    label: 'deploy',
    kind: 'trigger',
  })
  return createBundle(
    state,
    [
      {
        name: 'dump.txt',
        bytes: 42,
        fingerprint: 'abc-2a',
        content: { encoding: 'utf8', data: 'goroutine 1 [running]:' },
      },
    ],
    { activeView: 'stacks', groupMode: { type: 'lines' }, search: '' },
    1_700_000_000_000,
  )
}

const value = (fragment: string) => fragment.slice(SHARE_PARAM.length + 1)

describe('share links', () => {
  it('round-trips a bundle through the fragment', () => {
    const bundle = sampleBundle()
    const fragment = encodeShareFragment(bundle)
    expect(fragment).toMatch(/^share=1\.[A-Za-z0-9_-]+$/)
    expect(decodeShareFragment(value(fragment))).toEqual(bundle)
  })

  it.each([
    ['truncated', (v: string) => v.slice(0, Math.floor(v.length * 0.7)), /truncated or damaged/],
    // Guards against a link cut at a length base64 cannot end at being called foreign.
    ['cut one past a whole group', (v: string) => v.slice(0, 4 * 20 + 1), /truncated or damaged/],
    [
      'a flipped character',
      (v: string) => v.slice(0, 20) + (v[20] === 'A' ? 'B' : 'A') + v.slice(21),
      /truncated or damaged|valid postmortem/,
    ],
    ['foreign characters', (v: string) => v + '<script>', /characters a link cannot have/],
    ['a future version', (v: string) => '9' + v.slice(1), /newer version/],
    ['no version', () => 'abc', /no version/],
  ])('fails loudly when %s', (_name, tamper, message) => {
    expect(() => decodeShareFragment(tamper(value(encodeShareFragment(sampleBundle()))))).toThrow(
      message,
    )
  })

  it('refuses a well-formed link whose content is not a bundle', () => {
    const evil = { ...sampleBundle(), state: { __proto__: { admin: true }, doc: 7 } }
    expect(() => decodeShareFragment(value(encodeShareFragment(evil as never)))).toThrow(
      /valid postmortem/,
    )
  })

  it('says where a link of a given length can be pasted', () => {
    expect(describeLinkLength(1500).tooLongFor).toEqual([])
    expect(describeLinkLength(5000).tooLongFor).toEqual([
      'Microsoft Teams, Discord, most chat and tickets',
    ])
    expect(describeLinkLength(3_000_000).fits).toEqual([])
  })
})
