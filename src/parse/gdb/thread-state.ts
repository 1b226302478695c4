import { FrameKind } from '../../model/types'

/**
 * Names what a native thread is waiting for, from the functions at the leaf of its stack.
 *
 * Native debuggers print no thread state (gdb's `LWP 10275` is an id), but the leaf frames
 * say it plainly: a thread parked in `pthread_cond_wait` is waiting on a condition variable.
 * Grouping by state then separates idle pools from busy threads the way Go's `[select]` does.
 */

// Symbol spellings vary by libc build: `__GI___libc_read`, `___pthread_cond_wait`,
// `.__GI___poll` (ppc64), `__futex_abstimed_wait_common64`, `epoll_wait@@GLIBC_2.3.2`.
// `normalizeSymbol` strips those decorations so the table below names each call once.
const STATES: Record<string, string> = {
  pthread_cond_wait: 'cond wait',
  pthread_cond_timedwait: 'cond wait',
  pthread_cond_clockwait: 'cond wait',
  pthread_cond_wait_common: 'cond wait',
  g_cond_wait: 'cond wait',
  g_cond_wait_until: 'cond wait',
  epoll_wait: 'io wait',
  epoll_pwait: 'io wait',
  epoll_pwait2: 'io wait',
  poll: 'io wait',
  ppoll: 'io wait',
  select: 'io wait',
  pselect: 'io wait',
  pselect6: 'io wait',
  g_poll: 'io wait',
  kevent: 'io wait',
  accept: 'io wait',
  accept4: 'io wait',
  lll_lock_wait: 'lock wait',
  lll_lock_wait_private: 'lock wait',
  lll_robust_lock_wait: 'lock wait',
  pthread_mutex_lock: 'lock wait',
  pthread_rwlock_rdlock: 'lock wait',
  pthread_rwlock_wrlock: 'lock wait',
  sem_wait: 'lock wait',
  sem_timedwait: 'lock wait',
  nanosleep: 'sleep',
  clock_nanosleep: 'sleep',
  sleep: 'sleep',
  usleep: 'sleep',
  read: 'read',
  recv: 'read',
  recvfrom: 'read',
  recvmsg: 'read',
  readv: 'read',
  pread64: 'read',
  pthread_join: 'join',
  pthread_clockjoin_ex: 'join',
  pthread_timedjoin_np: 'join',
  pause: 'signal wait',
  sigsuspend: 'signal wait',
  sigwait: 'signal wait',
  sigwaitinfo: 'signal wait',
  sigtimedwait: 'signal wait',
  wait4: 'child wait',
  waitpid: 'child wait',
}

// Raw futex waits sit under every blocking primitive; they name the state only when nothing
// more specific is found above them.
const WEAK_STATES: Record<string, string> = {
  futex_wait: 'lock wait',
  futex_abstimed_wait_common: 'lock wait',
  futex_abstimed_wait_common64: 'lock wait',
  futex_abstimed_wait_cancelable64: 'lock wait',
  futex_wait_cancelable: 'lock wait',
  syscall: 'lock wait',
}

/** How many frames from the leaf are looked at. */
const SCAN_DEPTH = 8

/** `__GI___libc_read` -> `read`, `.__GI___poll` -> `poll`, `epoll_wait@@GLIBC_2.3.2` -> `epoll_wait`. */
export function normalizeSymbol(func: string): string {
  let s = func
  const at = s.indexOf('@')
  if (at > 0) s = s.slice(0, at)
  for (;;) {
    const before = s
    if (s.startsWith('.')) s = s.slice(1)
    if (s.startsWith('__GI_')) s = s.slice(5)
    if (s.startsWith('_')) s = s.slice(1)
    if (s.startsWith('libc_')) s = s.slice(5)
    if (s === before) return s
  }
}

/**
 * The wait state named by a thread's leaf frames (leaf first), or undefined. Only the C
 * runtime and shared-library frames near the leaf are read: once the program's own code is
 * reached, whatever it calls next is not a wait.
 */
export function waitStateOf(
  funcs: readonly string[],
  kinds: readonly FrameKind[],
): string | undefined {
  let weak: string | undefined
  const n = Math.min(funcs.length, SCAN_DEPTH)
  for (let i = 0; i < n; i++) {
    const name = normalizeSymbol(funcs[i])
    const state = STATES[name]
    if (state !== undefined) return state
    weak ??= WEAK_STATES[name]
    if (kinds[i] === FrameKind.app) break
  }
  return weak
}
