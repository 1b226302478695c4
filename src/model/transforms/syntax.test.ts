import { describe, expect, it } from 'vitest'
import { FrameKind } from '../types'
import { formatTransforms, parseTransforms } from './syntax'
import type { Transform } from './types'
import { describeTransform, notAppKinds } from './types'

describe('transform syntax', () => {
  it('reads the command line example', () => {
    expect(parseTransforms('merge:runtime.gopark,hide:stdlib')).toEqual({
      transforms: [
        { type: 'merge', func: 'runtime.gopark' },
        { type: 'hide-kind', kinds: [FrameKind.stdlib] },
      ],
    })
  })

  it.each<[string, Transform]>([
    ['focus', { type: 'focus', func: 'main.serve' }],
    ['through', { type: 'through', func: 'net.(*Resolver).lookupIP' }],
    ['drop', { type: 'drop', func: 'runtime.gopark' }],
    ['rec', { type: 'rec', func: 'PyEval_EvalFrameEx' }],
    ['drec', { type: 'drec', func: 'fib' }],
    ['module', { type: 'module', module: 'github.com/jackc/pgx/v5' }],
    ['kinds', { type: 'hide-kind', kinds: [FrameKind.runtime, FrameKind.kernel] }],
    ['a C++ name with a comma', { type: 'merge', func: 'std::map<int, int>::at' }],
    ['a pattern with a comma and %', { type: 'hide-regex', pattern: '/^a{1,3}%b/i' }],
  ])('%s survives a round trip', (_name, t) => {
    const text = formatTransforms([t, { type: 'merge', func: 'x' }])
    expect(parseTransforms(text)).toEqual({ transforms: [t, { type: 'merge', func: 'x' }] })
  })

  it.each([
    ['no colon', 'merge', /kind:argument/],
    ['unknown kind', 'squash:x', /not a transform/],
    ['empty argument', 'merge:', /empty/],
    ['unknown frame kind', 'hide:vendor', /not a frame kind/],
    ['bad pattern', 'hide:/(/', /This regex cannot be read: .*missing closing \)/],
    ['too many', Array(40).fill('merge:a').join(','), /at most 32/],
  ])('refuses %s with a reason', (_name, text, reason) => {
    const parsed = parseTransforms(text)
    expect('error' in parsed && parsed.error).toMatch(reason)
  })

  it('reads nothing as no transforms', () => {
    expect(parseTransforms('')).toEqual({ transforms: [] })
  })

  it('names "only my code"', () => {
    expect(describeTransform({ type: 'hide-kind', kinds: notAppKinds })).toBe('Only my code')
    expect(formatTransforms([{ type: 'hide-kind', kinds: notAppKinds }])).toBe(
      'hide:runtime+stdlib+native+kernel+cgo+unknown+library',
    )
  })
})
