import { describeParserProperties } from '../../test/parser-properties'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { argsHashOf } from '../../model/builder'
import { getStackFrames, getFrameFunc, getFrameKindName, getFrameModule } from '../../model/stacks'
import type { Incident } from '../../model/types'
import { NONE, RecordFlag } from '../../model/types'
import {
  assertIncidentIntegrity,
  checkIncidentSnapshot,
  parseText,
} from '../../test/incident-snapshot'
import { javaFormat } from './java-format'
import { formatFixtures } from '../../test/format-fixtures'

const { names: fixtures, path: fixture } = formatFixtures(__dirname)

function recordsNamed(incident: Incident, name: string): number[] {
  const out: number[] = []
  for (let i = 0; i < incident.records.length; i++) {
    const n = incident.records.name[i]
    if (n !== NONE && incident.strings[n] === name) out.push(i)
  }
  return out
}

function leafFrames(incident: Incident, record: number): string[] {
  const leaf = incident.records.stack[record]
  return leaf === NONE ? [] : getStackFrames(incident, leaf).map((f) => getFrameFunc(incident, f))
}

describe('java fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const incident = await checkIncidentSnapshot(fixture(name))
    expect(incident.sources[0].regions.map((r) => r.format)).toContain('java')
  })
})

describe('jcmd Thread.print', () => {
  it('reads every thread the SMR summary lists, and the deadlock', async () => {
    const incident = await checkIncidentSnapshot(fixture('jcmd-thread-print.txt'))
    const r = incident.records
    let java = 0
    let system = 0
    for (let i = 0; i < r.length; i++) {
      if (r.flags[i] & RecordFlag.system) system++
      else java++
    }
    // `_java_thread_list=..., length=14` is the JVM's own count of Java threads.
    expect(java).toBe(14)
    expect(system).toBe(7)
    expect(incident.sources[0].warnings).toEqual([])

    const [p1] = recordsNamed(incident, 'payments-1')
    expect(incident.strings[r.state[p1]]).toBe('BLOCKED (on object monitor)')
    expect(r.id[p1]).toBe(12)
    expect(leafFrames(incident, p1)[0]).toBe('Crash.transfer')
    // The lock lines are kept as the frame's arguments (their hash): the two threads wait on
    // different monitors.
    const leaf = r.stack[p1]
    const locks = (wanted: string, held: string) =>
      argsHashOf(
        `waiting to lock <${wanted}> (a java.lang.Object); locked <${held}> (a java.lang.Object)`,
      )
    expect(incident.stacks.args[leaf]).toBe(locks('0x000000069ec1af10', '0x000000069ec1af00'))
    const [p2] = recordsNamed(incident, 'payments-2')
    expect(incident.stacks.args[r.stack[p2]]).toBe(
      locks('0x000000069ec1af00', '0x000000069ec1af10'),
    )

    const [main] = recordsNamed(incident, 'main')
    const frames = getStackFrames(incident, r.stack[main])
    expect(getFrameFunc(incident, frames[0])).toBe('java.lang.Object.wait')
    expect(getFrameKindName(incident, frames[0])).toBe('stdlib')
    expect(getFrameModule(incident, frames[0])).toBe('java.lang')
    expect(getFrameKindName(incident, frames[frames.length - 1])).toBe('app')

    const [vm] = recordsNamed(incident, 'VM Thread')
    expect(r.stack[vm]).toBe(NONE)
    expect(incident.strings[r.state[vm]]).toBe('runnable')
    expect(r.id[vm]).toBe(0x6ac2)

    expect(incident.crashes).toHaveLength(1)
    const crash = incident.crashes[0]
    expect(crash.kind).toBe('deadlock')
    expect(crash.message).toBe('Java-level deadlock between "payments-1", "payments-2"')
    expect(crash.record).toBe(p1)
  })

  it('warns when fewer threads are read than the SMR summary lists', async () => {
    const text = readFileSync(fixture('jcmd-thread-print.txt'), 'utf8')
    const cut = text.slice(0, text.indexOf('"payments-2"'))
    const incident = await parseText(cut)
    expect(incident.sources[0].warnings).toContain(
      'The thread dump lists 14 Java threads but 12 were read.',
    )
  })
})

describe('exception traces', () => {
  it('fills "... N more" from the enclosing trace and reports the chain', async () => {
    const incident = await checkIncidentSnapshot(fixture('exception-caused-by.txt'))
    expect(incident.records.length).toBe(3)
    const crash = incident.crashes[0]
    expect(crash.format).toBe('java')
    expect(crash.kind).toBe('exception')
    expect(crash.message).toBe('java.lang.RuntimeException: server failed to start')
    expect(crash.details).toContain(
      'caused by: java.lang.NumberFormatException: For input string: "80a"',
    )
    expect(incident.records.flags[crash.record] & RecordFlag.crashed).toBeTruthy()
    expect(incident.strings[incident.records.name[crash.record]]).toBe('main')
    // The root cause: 4 own frames + the 2 shared with its enclosing trace.
    expect(leafFrames(incident, 2)).toEqual([
      'java.lang.NumberFormatException.forInputString',
      'java.lang.Integer.parseInt',
      'java.lang.Integer.parseInt',
      'Crash.parsePort',
      'Crash.startServer',
      'Crash.main',
    ])
  })

  it('reads nested Suppressed/Caused by chains (satyr java-04)', async () => {
    const incident = await parseText(readFileSync(fixture('satyr-java-04.txt')))
    expect(incident.records.length).toBe(40)
    expect(incident.crashes).toHaveLength(1)
    expect(incident.crashes[0].message).toBe('java.lang.RuntimeException: yes')
  })
})

describe('hs_err banners', () => {
  it.each([
    ['issue-adoptium-718-hs_err-memcpy-header.txt', 'SIGSEGV', '0x00007f7c95f049a6', 'memcpy'],
    [
      'issue-tnvme-9-hs_err-jdk6-icedtea.txt',
      'SIGSEGV',
      '0x00007f817136ede0',
      'unknown in ld-linux-x86-64.so.2',
    ],
    ['issue-libunwind-107-hs_err-console-arm.txt', 'SIGSEGV', '0x76cdcaa8', '_ULarm_step'],
    ['native-crash-stdout.txt', 'SIGSEGV', '0x00007f7421cd2f94', 'Unsafe_PutLong'],
  ])('%s', async (name, signal, pc, frame) => {
    const incident = await parseText(readFileSync(fixture(name)))
    const crash = incident.crashes[0]
    expect(crash.format).toBe('jvm')
    expect(crash.signal).toBe(signal)
    expect(crash.pc).toBe(pc)
    expect(leafFrames(incident, crash.record)[0]).toBe(frame)
  })

  it('reads siginfo and the current thread from the body', async () => {
    const incident = await parseText(
      readFileSync(fixture('issue-adoptium-718-hs_err-memcpy-header.txt')),
    )
    const crash = incident.crashes[0]
    expect(crash.code).toBe('SEGV_MAPERR')
    expect(crash.addr).toBe('0x00007f7bc009c000')
    expect(crash.threadId).toBe(350219)
    expect(incident.strings[incident.records.name[crash.record]]).toBe(
      'TIBCO EMS Session Dispatcher (275957133)',
    )
  })
})

const TRACE = [
  'Exception in thread "main" java.lang.IllegalStateException: boom',
  '\tat com.example.App.run(App.java:12)',
  '\tat com.example.App.main(App.java:3)',
]

describe('edge cases', () => {
  it.each([
    { name: 'empty', text: '', records: 0, crashes: 0 },
    { name: 'only junk', text: 'hello\nworld\n\tat nothing\n', records: 0, crashes: 0 },
    { name: 'CRLF', text: TRACE.join('\r\n') + '\r\n', records: 1, crashes: 1 },
    {
      name: 'truncated last line',
      text: TRACE.join('\n') + '\n\tat com.exa',
      records: 1,
      crashes: 1,
    },
    {
      name: 'a prefix on every line',
      text: TRACE.map((l) => `2024-05-01T10:00:00.123Z stderr F ${l}`).join('\n'),
      records: 1,
      crashes: 1,
    },
    {
      // A log line that only names an exception is not a crash.
      name: 'bare exception name without frames',
      text: 'java.io.IOException: connection reset\nnext log line\n',
      records: 0,
      crashes: 0,
    },
    {
      name: 'multi-line message',
      text: 'java.lang.IllegalArgumentException: line one\nline two\n\tat a.B.c(B.java:1)\n',
      records: 1,
      crashes: 1,
    },
  ])('$name', async ({ text, records, crashes }) => {
    const incident = await parseText(text)
    assertIncidentIntegrity(incident)
    expect(incident.records.length).toBe(records)
    expect(incident.crashes.length).toBe(crashes)
    if (crashes)
      expect(leafFrames(incident, 0)[0]).toBe(
        text.includes('a.B.c') ? 'a.B.c' : 'com.example.App.run',
      )
  })

  it('keeps both lines of a multi-line message', async () => {
    const incident = await parseText(
      'java.lang.IllegalArgumentException: line one\nline two\n\tat a.B.c(B.java:1)\n',
    )
    expect(incident.crashes[0].message).toBe(
      'java.lang.IllegalArgumentException: line one\nline two',
    )
  })

  it.each([
    [
      'JDK 8',
      '"main" #1 prio=5 os_prio=0 tid=0x00007f4c2c00a000 nid=0x1a03 waiting on condition [0x00007f4c33ffe000]',
      1,
      'waiting on condition',
    ],
    [
      'JDK 21',
      '"main" #1 [21354] prio=5 os_prio=0 cpu=30.36ms elapsed=1.59s tid=0x00007f0734017ed0 nid=21354 in Object.wait()  [0x00007f073a1fe000]',
      1,
      'in Object.wait()',
    ],
    [
      'JDK 6',
      '"main" prio=10 tid=0x00000000f69000 nid=0x1e63 runnable [0x00007f8171562000]',
      0x1e63,
      'runnable',
    ],
  ])('reads a %s thread header', async (_, header, id, state) => {
    const incident = await parseText(`${header}\n\tat a.B.c(B.java:1)\n\n`)
    expect(incident.records.length).toBe(1)
    expect(incident.records.id[0]).toBe(id)
    expect(incident.strings[incident.records.state[0]]).toBe(state)
  })

  it('sniffs only Java anchors', () => {
    expect(javaFormat.sniff('Full thread dump OpenJDK 64-Bit Server VM (17):')).toBe(0)
    expect(javaFormat.sniff('INFO x Exception in thread "main" java.lang.Error')).toBe(7)
    expect(javaFormat.sniff('ValueError: bad')).toBe(-1)
    expect(javaFormat.sniff('TypeError: x is not a function')).toBe(-1)
    expect(javaFormat.sniff('an error occurred')).toBe(-1)
  })
})

describeParserProperties(fixtures.map((f) => readFileSync(fixture(f), 'utf8')))
