import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EventKind } from '../../model/types'
import { checkIncidentSnapshot, parseText } from '../../test/incident-snapshot'
import {
  checkNeverThrows,
  parseWith,
  recordFrameKinds,
  recordFrames,
} from '../../test/native-stacks'
import { glibcFormat } from './glibc-format'
import { parseGlibcMessage } from './glibc-messages'

const FIXTURES = join(__dirname, '__fixtures__')
const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'))
const fixture = (name: string) => join(FIXTURES, name)

// The harness wrote only `exit status: N` for crashes glibc says nothing about (SIGSEGV, or a
// plain abort()): those files have no glibc message, and the parser must not invent one.
const SILENT = [
  'stderr-abort.txt',
  'stderr-gp-fault.txt',
  'stderr-null-write.txt',
  'stderr-write-ro.txt',
]

describe('glibc fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const incident = await checkIncidentSnapshot(fixture(name))
    const formats = incident.sources[0].regions.map((r) => r.format)
    if (SILENT.includes(name)) {
      expect(formats).not.toContain('glibc')
      expect(incident.crashes).toEqual([])
    } else {
      expect(formats).toEqual(['glibc'])
      expect(incident.crashes).toHaveLength(1)
      const crash = incident.crashes[0]
      expect(crash).toMatchObject({ format: 'glibc', kind: 'heap corruption', signal: 'SIGABRT' })
      // The harness's exit status 134 = 128 + SIGABRT stays with the crash.
      expect(crash.details).toContain('exit status 134')
      expect(incident.events.length).toBe(1)
      expect(incident.events.kind[0]).toBe(EventKind.crash)
      expect(incident.events.time[0]).toBeNaN()
    }
  })
})

describe('glibc messages', () => {
  it.each([
    ['stack smashing', '*** stack smashing detected ***: terminated', 'stack smashing'],
    ['old stack smashing', '*** stack smashing detected ***: ./prog terminated', 'stack smashing'],
    ['fortify', '*** buffer overflow detected ***: terminated', 'buffer overflow'],
    ['double free', 'double free or corruption (fasttop)', 'heap corruption'],
    ['corrupted top', 'malloc(): corrupted top size', 'heap corruption'],
    ['invalid pointer', 'free(): invalid pointer', 'heap corruption'],
    [
      'old error',
      "*** Error in `./prog': double free or corruption (fasttop): 0x0000000001e4e010 ***",
      'heap corruption',
    ],
    [
      'assert',
      "glibc_abort: glibc_abort.c:42: main: Assertion `connections >= 0' failed.",
      'assertion',
    ],
    ['shell', 'Aborted (core dumped)', 'signal'],
    [
      'bash script',
      'bash: line 258: 10367 Segmentation fault      (core dumped) ./prog --x',
      'signal',
    ],
  ])('%s', (_name, text, kind) => {
    expect(parseGlibcMessage(text)?.kind).toBe(kind)
  })

  it.each([
    ['a log line starting with Aborted', 'Aborted transaction 42'],
    ['prose', 'the free(): call failed'],
    ['Python fatal error', 'Fatal Python error: Segmentation fault'],
  ])('refuses %s', (_name, text) => {
    expect(glibcFormat.sniff(text)).toBe(-1)
  })

  it('reads the assertion and the shell report as one crash', async () => {
    const incident = await parseWith(
      [glibcFormat],
      "app: main.c:7: run: Assertion `n > 0' failed.\nAborted (core dumped)\n",
    )
    expect(incident.crashes).toHaveLength(1)
    expect(incident.crashes[0]).toMatchObject({ kind: 'assertion', signal: 'SIGABRT' })
    expect(incident.crashes[0].message).toBe("Assertion `n > 0' failed in run at main.c:7")
    expect(incident.crashes[0].details).toEqual(['program: app', 'shell: Aborted (core dumped)'])
  })

  it('reads the pre-2.26 backtrace into the crash record', async () => {
    const text = [
      "*** Error in `./prog': free(): invalid pointer: 0x00000000021d2010 ***",
      '======= Backtrace: =========',
      '/lib/x86_64-linux-gnu/libc.so.6(+0x777e5)[0x7f3f5ddfa7e5]',
      '/lib/x86_64-linux-gnu/libc.so.6(cfree+0x4c)[0x7f3f5de0737c]',
      './prog[0x400657]',
      '/lib/x86_64-linux-gnu/libc.so.6(__libc_start_main+0xf0)[0x7f3f5dda3830]',
      '======= Memory map: ========',
      '00400000-00401000 r-xp 00000000 08:01 1234 /tmp/prog',
      'Aborted (core dumped)',
    ].join('\n')
    const incident = await parseWith([glibcFormat], text)
    expect(incident.crashes).toHaveLength(1)
    const crash = incident.crashes[0]
    expect(crash.addr).toBe('0x00000000021d2010')
    expect(recordFrames(incident, crash.record)).toEqual([
      'unknown in libc.so.6+0x777e5',
      'cfree',
      'unknown in prog',
      '__libc_start_main',
    ])
    expect(recordFrameKinds(incident, crash.record)[1]).toBe('stdlib libc.so.6')
  })
})

describe('glibc edge cases', () => {
  it.each([
    ['empty', '', 0],
    ['only junk', 'free of charge\n*** bold ***\n', 0],
    ['CRLF', 'free(): invalid pointer\r\nAborted (core dumped)\r\n', 1],
    ['a log prefix', '2024-05-01 10:00:00 [worker-3] free(): invalid pointer\n', 1],
    ['truncated last line', 'double free or corruption (out)\nAbor', 1],
  ])('%s', async (_name, text, crashes) => {
    const incident = await parseText(text)
    expect(incident.crashes.filter((c) => c.format === 'glibc')).toHaveLength(crashes)
  })

  it('never throws and is deterministic', async () => {
    await checkNeverThrows([glibcFormat], fixtures.map(fixture))
  })
})
