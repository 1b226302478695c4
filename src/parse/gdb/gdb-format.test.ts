import { describe, expect, it } from 'vitest'
import { NONE, RecordFlag } from '../../model/types'
import { checkIncidentSnapshot, parseText } from '../../test/incident-snapshot'
import { gdbFormat } from './gdb-format'
import { frameNeedsMore, parseGdbFrame } from './gdb-frame'
import {
  checkNeverThrows,
  parseWith,
  recordFrameKinds,
  recordFrames,
  stringOrNull,
} from '../../test/native-stacks'
import { formatFixtures } from '../../test/format-fixtures'

const { names: fixtures, path: fixture } = formatFixtures(__dirname)

describe('gdb fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const incident = await checkIncidentSnapshot(fixture(name))
    expect(incident.sources[0].regions.map((r) => r.format)).toContain('gdb')
  })
})

describe('gdb samples', () => {
  it('reads the HAProxy session as one stack, memcpy to main, ignoring frame/print echoes', async () => {
    const incident = await checkIncidentSnapshot(
      fixture('seed001-haproxy-gdb-session-addresses-stripped.txt'),
    )
    expect(incident.records.length).toBe(1)
    const frames = recordFrames(incident, 0)
    expect(frames).toEqual([
      'memcpy',
      'unknown in libz.so.1',
      'unknown in libz.so.1',
      'deflate',
      'deflate_flush_or_finish@src/compression.c:790',
      'http_compression_buffer_end@src/compression.c:249',
      'http_response_forward_body@src/proto_http.c:7173',
      'process_stream@src/stream.c:1939',
      'process_runnable_tasks@src/task.c:238',
      'run_poll_loop@src/haproxy.c:1573',
      'main@src/haproxy.c:1933',
    ])
    expect(recordFrameKinds(incident, 0).slice(0, 5)).toEqual([
      'stdlib ld-musl-x86_64.so.1',
      'unknown libz.so.1',
      'unknown libz.so.1',
      'native libz.so.1',
      'app',
    ])
    expect(incident.sources[0].unrecognizedLines).toBe(0)
  })

  it('picks thread 1 from [Current thread is 1] in a descending thread apply all bt full', async () => {
    const incident = await checkIncidentSnapshot(fixture('core-thread-apply-all-bt-full.txt'))
    const r = incident.records
    // Five `Thread N (...)` headers: one record each, the preamble's frame-0 echo dropped.
    expect(r.length).toBe(5)
    expect(Array.from(r.id)).toEqual([5, 4, 3, 2, 1])
    const crashed = Array.from(r.flags).map((f) => (f & RecordFlag.crashed) !== 0)
    expect(crashed).toEqual([false, false, false, false, true])
    const states = Array.from(r.state).map((s) => stringOrNull(incident, s))
    expect(states).toEqual(['read', 'join', 'cond wait', 'sleep', 'crashed'])
    expect(incident.crashes).toHaveLength(1)
    const crash = incident.crashes[0]
    expect(crash).toMatchObject({ format: 'gdb', kind: 'signal', signal: 'SIGSEGV', threadId: 1 })
    expect(crash.message).toBe('Segmentation fault')
    expect(crash.record).toBe(4)
    expect(recordFrames(incident, 4)[3]).toBe('deflate_flush_or_finish@crash_zlib.c:67')
  })

  it('keeps thread names and raises no crash for an attach', async () => {
    const incident = await checkIncidentSnapshot(
      fixture('attach-thread-apply-all-ascending-no-args.txt'),
    )
    const r = incident.records
    expect(Array.from(r.name).map((n) => stringOrNull(incident, n))).toEqual([
      'crash_zlib',
      'idle-waiter',
      'pipe-reader',
      'health-check',
      'compressor',
    ])
    expect(incident.crashes).toEqual([])
    expect(Array.from(r.flags).every((f) => (f & RecordFlag.crashed) === 0)).toBe(true)
  })

  it('marks the thread with <signal handler called> and keeps the marker as a frame', async () => {
    const incident = await checkIncidentSnapshot(
      fixture('satyr-rhbz-955617-xorg-bt-full-signal-handler.txt'),
    )
    expect(incident.records.length).toBe(1)
    const frames = recordFrames(incident, 0)
    expect(frames[9]).toBe('<signal handler called>')
    expect(recordFrameKinds(incident, 0)[9]).toBe('runtime')
    expect(frames[0]).toBe('__kernel_vsyscall')
    expect(recordFrameKinds(incident, 0)[0]).toBe('kernel')
    expect(incident.crashes[0].signal).toBe('SIGABRT')
    expect(incident.records.flags[0] & RecordFlag.truncated).toBe(RecordFlag.truncated)
  })

  it('joins frames gdb wrapped at 80 columns', async () => {
    const incident = await checkIncidentSnapshot(fixture('satyr-quality_100.txt'))
    const crashed = incident.crashes[0].record
    const frames = recordFrames(incident, crashed)
    expect(frames[0]).toBe('raise@../nptl/sysdeps/unix/sysv/linux/pt-raise.c:42')
    expect(frames[1]).toBe('nsProfileLock::FatalSignalHandler@nsProfileLock.cpp:213')
    expect(frames).toContain(
      'nsLayoutUtils::PaintFrame@/usr/src/debug/thunderbird-3.1.1/comm-1.9.2/mozilla/layout/base/nsLayoutUtils.cpp:1161',
    )
  })

  it('reads ppc64 dot-names and finds the crashing thread from the echoed frame 0', async () => {
    const incident = await checkIncidentSnapshot(
      fixture('satyr-rhbz-1119072-ppc64-thread-apply-all-bt.txt'),
    )
    expect(incident.records.length).toBe(5)
    const crash = incident.crashes[0]
    expect(crash.threadId).toBe(1)
    expect(recordFrames(incident, crash.record)[0]).toBe('raise')
    expect(crash.signal).toBe('SIGTRAP')
  })

  it('drops the stop-location echo before a headerless bt full', async () => {
    const incident = await checkIncidentSnapshot(fixture('satyr-no-thread-header-bt-full.txt'))
    expect(incident.records.length).toBe(1)
    expect(recordFrames(incident, 0)).toHaveLength(6)
    expect(incident.crashes[0].signal).toBe('SIGSEGV')
    expect(incident.crashes[0].record).toBe(0)
  })

  it('prefers gdb threads over the coredumpctl stack of the same LWP', async () => {
    const incident = await checkIncidentSnapshot(
      fixture('issue-sfwbar-441-coredumpctl-and-gdb-unknown.txt'),
    )
    expect(incident.records.length).toBe(1)
    expect(incident.records.id[0]).toBe(7)
    expect(recordFrames(incident, 0)[0]).toBe('unknown in libc.so.6')
  })
})

describe('gdb crashing thread', () => {
  const threads = (current: string) =>
    [
      'Core was generated by `./srv`.',
      'Program terminated with signal SIGSEGV, Segmentation fault.',
      current,
      '',
      'Thread 3 (Thread 0x7f01 (LWP 12)):',
      '#0  0x00007f0000000001 in epoll_wait () from /lib/libc.so.6',
      '#1  0x0000555500000001 in loop (fd=3) at srv.c:10',
      '',
      'Thread 2 (Thread 0x7f02 (LWP 11)):',
      '#0  0x0000555500000002 in handle (req=0x0) at srv.c:20',
      '#1  0x0000555500000003 in worker () at srv.c:30',
      '',
      'Thread 1 (Thread 0x7f03 (LWP 10)):',
      '#0  0x00007f0000000002 in __lll_lock_wait () from /lib/libc.so.6',
      '#1  0x0000555500000004 in main () at srv.c:40',
    ].join('\n')

  it.each([
    ['[Current thread is 2 (...)]', '[Current thread is 2 (Thread 0x7f02 (LWP 11))]', 2, false],
    ['thread 1 of a core when nothing names one', '', 1, false],
    ['the thread that took the signal, over thread 1', '', 2, true],
  ])('%s', async (_name, current, id, handler) => {
    let text = threads(current)
    if (handler)
      text = text.replace(
        '#1  0x0000555500000003 in worker () at srv.c:30',
        '#1  <signal handler called>\n#2  0x0000555500000003 in worker () at srv.c:30',
      )
    const incident = await parseWith([gdbFormat], text)
    const crash = incident.crashes[0]
    expect(crash.threadId).toBe(id)
    expect(incident.records.id[crash.record]).toBe(id)
    expect(incident.records.flags[crash.record] & RecordFlag.crashed).toBe(RecordFlag.crashed)
    const states = Array.from(incident.records.state).map((s) => stringOrNull(incident, s))
    expect(states[0]).toBe('io wait')
  })
})

describe('gdb live run', () => {
  it('names the thread that received the signal and keeps its name', async () => {
    const text = [
      '[New Thread 0x7ffff65ad6c0 (LWP 20156)]',
      'Thread 2 "compressor" received signal SIGSEGV, Segmentation fault.',
      '[Switching to Thread 0x7ffff65ad6c0 (LWP 20156)]',
      // The user's own `thread 1` does not move the crash.
      '(gdb) thread 1',
      '[Switching to thread 1 (Thread 0x7ffff7db1740 (LWP 20153))]',
      '(gdb) thread apply all bt',
      '',
      'Thread 2 (Thread 0x7ffff65ad6c0 (LWP 20156) "compressor"):',
      '#0  0x00007ffff7e5b809 in __memcpy_avx512_unaligned_erms () from /lib/libc.so.6',
      '#1  0x0000555555555437 in compressor (arg=0x0) at crash_zlib.c:101',
      '',
      'Thread 1 (Thread 0x7ffff7db1740 (LWP 20153) "crash_zlib"):',
      '#0  0x00007ffff7e5df16 in __futex_abstimed_wait_common () from /lib/libc.so.6',
      '#1  0x00007ffff7e62ce3 in __pthread_clockjoin_ex () from /lib/libc.so.6',
      '#2  0x00005555555555f9 in main () at crash_zlib.c:114',
    ].join('\n')
    const incident = await parseWith([gdbFormat], text)
    const crash = incident.crashes[0]
    expect(crash).toMatchObject({ signal: 'SIGSEGV', threadId: 2, record: 0 })
    expect(crash.details).toEqual(['live process'])
    expect(stringOrNull(incident, incident.records.name[0])).toBe('compressor')
    expect(stringOrNull(incident, incident.records.state[1])).toBe('join')
    expect(recordFrameKinds(incident, 0)).toEqual(['stdlib libc.so.6', 'app'])
  })
})

describe('gdb frame lines', () => {
  it.each([
    ['address and from', '#1  0x00007f96 in ?? () from /lib/libz.so.1', '??', undefined, 'lib'],
    [
      'args with ) and " at " in a string',
      '#2  0x1 in f (s=0x2 "a) at b:1") at x.c:3',
      'f',
      'x.c',
      3,
    ],
    [
      'C++ name with parens',
      '#3  0x1 in std::vector<int>::vector(unsigned long) () at v.h:9',
      'std::vector<int>::vector(unsigned long)',
      'v.h',
      9,
    ],
    ['inlined, no address', '#4  inl (a=1) at a.c:5', 'inl', 'a.c', 5],
    ['gdb 14 ??? at a library', '#0  0x1 in ??? () at /usr/lib/libc.so.6', '???', undefined, 'lib'],
    ['empty name', '#5  0x0000000000000002 in  ()', '', undefined, undefined],
  ])('%s', (_name, text, func, file, line) => {
    const f = parseGdbFrame(text)
    expect(f?.func).toBe(func)
    expect(f?.file).toBe(file)
    if (line === 'lib') expect(f?.module).toMatch(/lib/)
    else expect(f?.line).toBe(line)
  })

  it('refuses eu-stack frames, which have no argument list', () => {
    expect(parseGdbFrame('#0  0x00007f10ed667809 __memmove_avx512_unaligned_erms')).toBeNull()
  })

  it('sees a wrapped frame as incomplete', () => {
    expect(frameNeedsMore('#3  0x1 in f (s=s@entry=0x7f, ')).toBe(true)
    expect(frameNeedsMore('#5  0x1 in http_compression_buffer_end (')).toBe(true)
    expect(frameNeedsMore('#0  f () at x.c:1')).toBe(false)
  })
})

const BT =
  '#0  0x00007f01 in raise () from /lib/libc.so.6\n#1  0x0000555501 in main (argc=1) at m.c:7'

describe('gdb edge cases', () => {
  it.each([
    ['empty', '', 0, 0],
    ['only junk', 'hello\nworld\n#not a frame\n', 0, 0],
    ['CRLF', BT.replace(/\n/g, '\r\n') + '\r\n', 1, 2],
    ['a log prefix on every line', BT.replace(/^/gm, '2024-05-01T10:00:00Z app: '), 1, 2],
    ['indented paste', BT.replace(/^/gm, '            '), 1, 2],
    ['prompt glued to frame 0', '(gdb) ' + BT, 1, 2],
    [
      'wrapped frame with a 4-space continuation',
      '#0  0x1 in deflate_flush_or_finish (s=s@entry=0x7f, \n    flush=flush@entry=4) at crash_zlib.c:67\n#1  0x2 in main () at m.c:1',
      1,
      2,
    ],
    [
      'location on its own line',
      '#0  __memcpy_avx512 ()\n    at ../sysdeps/x86_64/memmove.S:273',
      1,
      1,
    ],
    ['a 100 KB line before the stack', 'x'.repeat(100_000) + '\n' + BT, 1, 2],
  ])('%s', async (_name, text, records, frames) => {
    const incident = await parseText(text)
    expect(incident.records.length).toBe(records)
    if (records) expect(recordFrames(incident, 0)).toHaveLength(frames)
  })

  it('keeps a stack cut inside a frame, flags it and warns', async () => {
    const incident = await parseWith([gdbFormat], BT + '\n#2  0x3 in __libc_start_main (main=0x1, ')
    expect(recordFrames(incident, 0)).toHaveLength(3)
    expect(incident.records.flags[0] & RecordFlag.truncated).toBe(RecordFlag.truncated)
    expect(incident.sources[0].warnings.join()).toMatch(/cut off/)
  })

  it('reads old gdb signal numbers', async () => {
    const incident = await parseWith(
      [gdbFormat],
      'Program terminated with signal 11, Segmentation fault.\n' + BT,
    )
    expect(incident.crashes[0].signal).toBe('SIGSEGV')
    expect(incident.crashes[0].record).not.toBe(NONE)
  })

  it('does not call Ctrl-C a crash', async () => {
    const incident = await parseWith(
      [gdbFormat],
      'Program received signal SIGINT, Interrupt.\n' + BT,
    )
    expect(incident.crashes).toEqual([])
  })

  it('does not sniff sanitizer frames', () => {
    expect(gdbFormat.sniff('    #0 0x4c6b13 in malloc (/tmp/a.out+0x4c6b13)')).toBe(-1)
    expect(gdbFormat.sniff('#0  0x00007f10ed667809 __memmove_avx512_unaligned_erms')).toBe(-1)
    expect(gdbFormat.sniff('#0  0x00007f10 in raise () from /lib/libc.so.6')).toBe(0)
  })

  it('never throws and is deterministic', async () => {
    await checkNeverThrows(
      [gdbFormat],
      fixtures.map((f) => fixture(f)),
    )
  })
})
