import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IncidentBuilder } from './builder'
import { FrameKind, NONE } from './types'

/**
 * The builder finds a node's child made right after it, and a frame's first node, without its
 * hash map, and enters only the other nodes there. These guard that every (caller, frame) still has exactly one node,
 * numbered in order of first appearance, whichever way it was found.
 */
describe('IncidentBuilder.stack', () => {
  // A path is root first; a stack is walked frame by frame from the root, as folded lines are.
  const paths = fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 6 }), {
    maxLength: 60,
  })

  it('gives each (caller, frame) one node, numbered as first seen, like a map of pairs', () => {
    fc.assert(
      fc.property(paths, (lines) => {
        const b = new IncidentBuilder()
        const frames = [0, 1, 2, 3, 4].map((i) => b.frame({ func: `f${i}`, kind: FrameKind.app }))
        const reference = new Map<string, number>()
        for (const path of lines) {
          let node = NONE
          let expected = NONE
          for (const f of path) {
            node = b.stack(node, frames[f])
            const key = `${expected}:${frames[f]}`
            if (!reference.has(key)) reference.set(key, reference.size)
            expected = reference.get(key)!
            expect(node).toBe(expected)
          }
        }
        const { stacks } = b.build()
        expect(stacks.length).toBe(reference.size)
        for (const [key, node] of reference) {
          const [prefix, frame] = key.split(':').map(Number)
          expect([stacks.prefix[node], stacks.frame[node]]).toEqual([prefix, frame])
          expect(stacks.depth[node]).toBe(prefix === NONE ? 0 : stacks.depth[prefix] + 1)
        }
      }),
    )
  })

  it('finds a node again through the hash map once a sibling was made after it', () => {
    const b = new IncidentBuilder()
    const [a, x, y] = ['a', 'x', 'y'].map((func) => b.frame({ func, kind: FrameKind.app }))
    const root = b.stack(NONE, a)
    const first = b.stack(root, x) // made right after its caller
    const leaf = b.stack(first, y) // the newest node's child
    const second = b.stack(root, y) // a sibling made later: in the map
    expect([root, first, leaf, second]).toEqual([0, 1, 2, 3])
    expect(b.stack(root, x)).toBe(first)
    expect(b.stack(root, y)).toBe(second)
    expect(b.stack(first, y)).toBe(leaf)
    expect(b.stack(leaf, x)).toBe(4)
    expect(b.stack(first, x)).toBe(5)
    expect(b.stack(first, x)).toBe(5)
    expect(b.build().stacks.length).toBe(6)
  })
})

/**
 * The builder finds a function's first frame without its hash map. This guards that every
 * identity (function, file, line, module, kind) still has exactly one frame, numbered in
 * order of first appearance, whichever way it was found.
 */
describe('IncidentBuilder.frame', () => {
  const identity = fc.record({
    func: fc.constantFrom('f', 'g', 'h'),
    file: fc.constantFrom(undefined, 'a.go', 'b.go'),
    line: fc.integer({ min: 0, max: 2 }),
    module: fc.constantFrom(undefined, 'm'),
    kind: fc.constantFrom(FrameKind.app, FrameKind.runtime),
  })

  it('gives each identity one frame, numbered as first seen, like a map of identities', () => {
    fc.assert(
      fc.property(fc.array(identity, { maxLength: 80 }), (inputs) => {
        const b = new IncidentBuilder()
        const reference = new Map<string, number>()
        for (const f of inputs) {
          const key = JSON.stringify([f.func, f.file, f.line, f.module, f.kind])
          if (!reference.has(key)) reference.set(key, reference.size)
          expect(b.frame(f)).toBe(reference.get(key))
        }
        const { frames, strings } = b.build()
        expect(frames.length).toBe(reference.size)
        const text = (i: number) => (i === NONE ? undefined : strings[i])
        for (const [key, frame] of reference)
          expect(
            JSON.stringify([
              text(frames.func[frame]),
              text(frames.file[frame]),
              frames.line[frame],
              text(frames.module[frame]),
              frames.kind[frame],
            ]),
          ).toBe(key)
      }),
    )
  })

  it('finds a later frame in the file of its function first frame, classified alike, or none', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(identity, fc.boolean()), { maxLength: 80 }), (inputs) => {
        const b = new IncidentBuilder()
        const reference = new IncidentBuilder()
        const first = new Map<string, { file?: string; module?: string; kind: FrameKind }>()
        for (const [f, likeFirst] of inputs) {
          const seen = first.get(f.func)
          if (!seen) first.set(f.func, f)
          // Interned in the order `frame` interns them, so both builders number strings alike.
          const func = b.intern(f.func)
          const file = b.internOptional(f.file)
          reference.intern(f.func)
          reference.internOptional(f.file)
          const found = likeFirst ? b.frameLikeFirst(func, file, f.line, undefined) : NONE
          if (likeFirst && (!seen || seen.file !== f.file)) expect(found).toBe(NONE)
          if (found === NONE) expect(b.frame(f)).toBe(reference.frame(f))
          else expect(found).toBe(reference.frame({ ...f, module: seen!.module, kind: seen!.kind }))
        }
        expect(b.build().frames).toEqual(reference.build().frames)
      }),
    )
  })
})

describe('IncidentBuilder.internOptional', () => {
  // Strings of one length and last unit share the slot of the one last interned: each must
  // still get its own index, the one `intern` gives it, and the empty string none.
  it('gives each string the index intern gives it, whichever strings share a slot', () => {
    const alike = fc.constantFrom('', 'a', 'ba', 'xa', 'chan receive', 'chan xeceive', 'main')
    fc.assert(
      fc.property(fc.array(alike, { maxLength: 60 }), (list) => {
        const b = new IncidentBuilder()
        for (const s of list) {
          const index = b.internOptional(s)
          if (s === '') expect(index).toBe(NONE)
          else expect([index, b.string(index)]).toEqual([b.intern(s), s])
        }
      }),
    )
  })
})
