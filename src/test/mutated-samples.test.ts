import { describe, expect, it } from 'vitest'
import { applyLineEdits } from './mutated-samples'

describe('line edits for property tests', () => {
  const lines = ['goroutine 1 [running]:', 'main.main()', '\t/app/main.go:12 +0x1d']
  it.each([
    ['drop', [['drop', 4, 0]], ['goroutine 1 [running]:', '\t/app/main.go:12 +0x1d']],
    ['dup', [['dup', 0, 0]], [lines[0], ...lines]],
    ['cut', [['cut', 2, 8]], [lines[0], lines[1], '\t/app/ma']],
    ['swap', [['swap', 2, 0]], [lines[2], lines[1], lines[0]]],
  ] as const)('%s edits the line it points at, modulo the length', (_name, edits, expected) => {
    expect(applyLineEdits(lines, edits)).toEqual(expected)
  })

  it('leave the sample itself alone and survive emptying it', () => {
    const edits = [
      ['drop', 0, 0],
      ['drop', 0, 0],
      ['drop', 0, 0],
      ['drop', 0, 0],
      ['dup', 0, 0],
      ['cut', 0, 3],
    ] as const
    expect(applyLineEdits(lines, edits)).toEqual([''])
    expect(lines).toHaveLength(3)
  })
})
