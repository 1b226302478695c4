import { describe, expect, it } from 'vitest'
import { RecordFlag } from '../../model/types'
import { checkIncidentSnapshot, parseText } from '../../test/incident-snapshot'
import {
  checkNeverThrows,
  parseWith,
  recordFrameKinds,
  recordFrames,
  stringOrNull,
} from '../../test/native-stacks'
import { lldbFormat } from './lldb-format'
import { decodeWebEscapes, parseLldbFrame, parseLldbThread } from './lldb-line'
import { formatFixtures } from '../../test/format-fixtures'

const { names: fixtures, path: fixture } = formatFixtures(__dirname)

describe('lldb fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const incident = await checkIncidentSnapshot(fixture(name))
    expect(incident.sources[0].regions.map((r) => r.format)).toContain('lldb')
  })
})

describe('lldb samples', () => {
  it('replaces the stop summary with the bt all printing of each thread', async () => {
    const incident = await checkIncidentSnapshot(fixture('attach-bt-all.txt'))
    const r = incident.records
    // `bt all` printed five threads; the stop summary printed them once before.
    expect(Array.from(r.id)).toEqual([1, 2, 3, 4, 5])
    expect(Array.from(r.name).map((n) => stringOrNull(incident, n))).toEqual([
      'crash_zlib',
      'idle-waiter',
      'pipe-reader',
      'health-check',
      'compressor',
    ])
    expect(recordFrames(incident, 0)).toHaveLength(8)
    // SIGSTOP from an attach is not a crash.
    expect(incident.crashes).toEqual([])
    expect(recordFrames(incident, 0)[4]).toBe('main@crash_zlib.c:114')
    expect(recordFrameKinds(incident, 0)[4]).toBe('app crash_zlib')
    expect(recordFrameKinds(incident, 0)[0]).toBe('stdlib libc.so.6')
  })

  it('marks the SIGSEGV thread of a core and reads thread list lines', async () => {
    const incident = await checkIncidentSnapshot(fixture('core-thread-list-bt.txt'))
    expect(incident.records.length).toBe(5)
    const crash = incident.crashes[0]
    expect(crash).toMatchObject({ format: 'lldb', kind: 'signal', signal: 'SIGSEGV', threadId: 1 })
    expect(incident.records.flags[crash.record] & RecordFlag.crashed).toBe(RecordFlag.crashed)
    const frames = recordFrames(incident, crash.record)
    expect(frames).toHaveLength(9)
    expect(frames[1]).toBe('unknown in libz.so.1')
    expect(frames[3]).toBe('deflate_flush_or_finish@crash_zlib.c:67')
  })

  it('reads a macOS EXC_BAD_ACCESS stop as a crash with code and address', async () => {
    const incident = await checkIncidentSnapshot(
      fixture('issue-llvm-58525-lldb-stop-reason-exc-bad-access.txt'),
    )
    expect(incident.crashes[0]).toMatchObject({
      kind: 'exception',
      code: '1',
      addr: '0x2a',
      threadId: 2,
    })
    expect(recordFrames(incident, 0)).toEqual(['main::$_0::operator()() const'])
  })

  it('reads a Windows exception stop', async () => {
    const incident = await checkIncidentSnapshot(
      fixture('issue-llvm-mingw-292-lldb-windows-exception.txt'),
    )
    expect(incident.crashes[0]).toMatchObject({ code: '0xc0000005', addr: '0xa2eb3f48f0' })
    // Argument values are not part of the function's name.
    expect(recordFrames(incident, 0)[0]).toBe(
      'lldb_private::ExceptionRecord::ExceptionRecord@ExceptionRecord.h:28',
    )
  })

  it('decodes JIRA-escaped frame numbers', async () => {
    const incident = await checkIncidentSnapshot(
      fixture('issue-swift-4299-lldb-bt-all-html-entity.txt'),
    )
    expect(incident.records.length).toBe(2)
    const t3 = 1
    expect(incident.records.id[t3]).toBe(3)
    expect(stringOrNull(incident, incident.records.name[t3])).toBe('ait4(pid=1832)>')
    expect(stringOrNull(incident, incident.records.state[t3])).toBe('child wait')
  })
})

describe('lldb lines', () => {
  it('keeps C++ parameter types but drops argument values', () => {
    const a = parseLldbFrame(
      'frame #3: 0x00007fbcd09c0747 liblldb.so.10git`lldb_private::Listener::GetEvent(std::shared_ptr<lldb_private::Event>&) + 23',
    )
    expect(a?.frame.func).toBe(
      'lldb_private::Listener::GetEvent(std::shared_ptr<lldb_private::Event>&)',
    )
    const b = parseLldbFrame(
      'frame #5: 0x00007fdd24dff24a libc.so.6`__libc_start_call_main(main=(crash_zlib`main at crash_zlib.c:104:33), argc=2) at libc_start_call_main.h:58:16',
    )
    expect(b?.frame).toMatchObject({
      module: 'libc.so.6',
      func: '__libc_start_call_main',
      file: 'libc_start_call_main.h',
      line: 58,
    })
  })

  it('reads thread lines in both forms', () => {
    expect(
      parseLldbThread("* thread #1, name = 'a, b', stop reason = signal SIGSEGV"),
    ).toMatchObject({
      selected: true,
      index: 1,
      name: 'a, b',
      stopReason: 'signal SIGSEGV',
    })
    expect(
      parseLldbThread(
        '  thread #2: tid = 25232, 0x00007fedb95d1545 libc.so.6`nanosleep at c.c:48:7, stop reason = signal 0',
      ),
    ).toMatchObject({
      index: 2,
      tid: 25232,
      frameText: '0x00007fedb95d1545 libc.so.6`nanosleep at c.c:48:7',
    })
  })

  it('decodes entities and zero-width spaces', () => {
    expect(decodeWebEscapes('frame #&#8203;3: a&lt;b&gt;\u200b')).toBe('frame #3: a<b>')
  })
})

const BT = [
  "* thread #1, name = 'srv', stop reason = signal SIGABRT",
  '  * frame #0: 0x00007f0000000001 libc.so.6`raise + 10',
  '    frame #1: 0x0000555500000001 srv`main(argc=1) at srv.c:9:3',
].join('\n')

describe('lldb edge cases', () => {
  it.each([
    ['empty', '', 0, 0],
    ['only junk', 'thread # one\nframe #x\n', 0, 0],
    ['CRLF', BT.replace(/\n/g, '\r\n'), 1, 2],
    ['a log prefix on every line', BT.replace(/^/gm, '[12:00:01] '), 1, 2],
    ['truncated last line', BT.slice(0, -12), 1, 2],
  ])('%s', async (_name, text, records, frames) => {
    const incident = await parseText(text)
    expect(incident.records.length).toBe(records)
    if (records) expect(recordFrames(incident, 0)).toHaveLength(frames)
  })

  it('never throws and is deterministic', async () => {
    await checkNeverThrows([lldbFormat], fixtures.map(fixture))
    expect((await parseWith([lldbFormat], BT)).crashes[0].signal).toBe('SIGABRT')
  })
})
