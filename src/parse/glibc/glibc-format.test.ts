import { readdirSync, readFileSync } from 'node:fs'
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
// The stderr of crashing programs (one glibc message each, or none); the other fixtures are
// reports of how a child ended, by a shell, make or a Go program.
const fixtures = readdirSync(FIXTURES).filter((f) => f.startsWith('stderr-'))
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

/**
 * Reports of a child that died of a signal, as the program that ran it prints them. Each line
 * that names a fatal signal is one crash at its line with that signal; exits with a status
 * and `terminated` are none. Expected figures are read from the fixture's text.
 */
describe('how a child ended, as its parent says', () => {
  const FATAL: Record<string, string> = {
    Killed: 'SIGKILL',
    'Segmentation fault': 'SIGSEGV',
    killed: 'SIGKILL',
    'segmentation fault': 'SIGSEGV',
    'Error 139': 'SIGSEGV',
  }
  /** Each line that names a fatal signal, with that signal, in the words the line uses. */
  function expectedCrashes(text: string, words: RegExp) {
    return text.split('\n').flatMap((line, i) => {
      const m = words.exec(line)
      return m && FATAL[m[1]] ? [{ line: i, message: m[1], signal: FATAL[m[1]] }] : []
    })
  }
  it.each([
    ['bash-script-killed-segv.txt', / \d+ (Killed|Segmentation fault) /],
    ['dash-script-killed-segv.txt', /^(Killed|Segmentation fault)$/],
    [
      'make-recipe-killed-segv-139.txt',
      /^make: \*\*\* \[[^\]]+\] (Killed|Segmentation fault|Error 139)/,
    ],
    ['go-test-child-signals.txt', /^signal: ([a-z ]+?)(?: \(core dumped\))?$/],
  ])('%s', async (name, words) => {
    const text = readFileSync(fixture(name), 'utf8')
    const expected = expectedCrashes(text, words)
    expect(expected.length).toBeGreaterThanOrEqual(2)
    const incident = await checkIncidentSnapshot(fixture(name))
    const crashes = incident.crashes.map((c) => ({
      line: c.line,
      message: c.message,
      signal: c.signal,
    }))
    expect(crashes).toEqual(
      expected.map((e) => ({
        ...e,
        // Go's os/exec names signals in lower case; the crash gives strsignal()'s words.
        message: e.message[0].toUpperCase() + e.message.slice(1),
      })),
    )
    // Every timestamped log line around them is still a log event.
    const logLines = text.split('\n').filter((line) => /^\d{4}-\d\d-\d\dT/.test(line)).length
    let logEvents = 0
    for (let i = 0; i < incident.events.length; i++)
      if (incident.events.kind[i] === EventKind.log) logEvents++
    expect(logEvents).toBe(logLines)
  })

  it('names the command, the make target and the core dump', async () => {
    const bash = await parseText(readFileSync(fixture('bash-script-killed-segv.txt'), 'utf8'))
    expect(bash.crashes[0].details).toContain("command: sh -c 'kill -9 $$'")
    const make = await parseText(readFileSync(fixture('make-recipe-killed-segv-139.txt'), 'utf8'))
    expect(make.crashes.map((c) => c.details[0])).toEqual([
      'make target: Makefile:2: run',
      'make target: Makefile:4: seg',
      'exit status 139 = 128 + SIGSEGV',
    ])
  })

  it.each([
    'Killed process 4242 (java) total-vm:1234kB',
    'make: *** [Makefile:3: build] Error 2',
    'make: *** [Makefile:3: stop] Terminated',
    'signal: terminated',
    'signal: interrupt',
    'request Killed by the user',
  ])('is no crash: %s', (text) => {
    expect(parseGlibcMessage(text)).toBeNull()
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
