import { describe, expect, it } from 'vitest'
import { FrameKind } from '../../model/types'
import { normalizeSymbol, waitStateOf } from './thread-state'

describe('thread wait states', () => {
  it.each([
    ['__GI___libc_read', 'read'],
    ['.__GI___poll', 'poll'],
    ['epoll_wait@@GLIBC_2.3.2', 'epoll_wait'],
    ['___pthread_cond_wait', 'pthread_cond_wait'],
  ])('%s normalizes to %s', (raw, name) => {
    expect(normalizeSymbol(raw)).toBe(name)
  })

  const S = FrameKind.stdlib
  const A = FrameKind.app
  it.each<[string, string[], FrameKind[], string | undefined]>([
    [
      'cond wait above a futex',
      ['__futex_abstimed_wait_common64', '___pthread_cond_wait', 'idle'],
      [S, S, A],
      'cond wait',
    ],
    [
      'a bare futex is a lock wait',
      ['__futex_abstimed_wait_common64', 'worker'],
      [S, A],
      'lock wait',
    ],
    ['io wait', ['epoll_wait', 'loop'], [S, A], 'io wait'],
    ['nothing past the program code', ['compute', 'nanosleep'], [A, S], undefined],
    ['a running leaf', ['memcpy', 'main'], [S, A], undefined],
  ])('%s', (_name, funcs, kinds, state) => {
    expect(waitStateOf(funcs, kinds)).toBe(state)
  })
})
