import { describe, expect, it } from 'vitest'
import { isFramed } from './framed'

describe('the frame check', () => {
  it('runs in its own tab', () => {
    const self = {} as Window
    expect(isFramed({ self, top: self } as unknown as Window)).toBe(false)
  })
  it('refuses inside another page', () => {
    expect(isFramed({ self: {}, top: {} } as unknown as Window)).toBe(true)
  })
  it('refuses when a cross-origin parent cannot even be compared', () => {
    const framed = {
      self: {},
      get top(): Window {
        throw new DOMException('Blocked a frame', 'SecurityError')
      },
    }
    expect(isFramed(framed as unknown as Window)).toBe(true)
  })
})
