import { checkMutatedSamples } from '../../test/mutated-samples'
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { getStackFrames, getFrameFunc, getFrameModule } from '../../model/stacks'
import type { Incident } from '../../model/types'
import { EventKind, NONE } from '../../model/types'
import {
  assertIncidentIntegrity,
  checkIncidentSnapshot,
  dumpIncident,
  inputFromBytes,
} from '../../test/incident-snapshot'
import { parseInputs } from '../index'
import { kernelFormat } from './kernel-format'
import { formatFixtures } from '../../test/format-fixtures'

const { names: fixtures, path: fixture } = formatFixtures(__dirname)
const readFixture = (name: string) => readFileSync(fixture(name), 'utf8')

/** Parses with the kernel format alone, so other formats cannot change what these tests see. */
function parseKernel(text: string): Promise<Incident> {
  return parseInputs([inputFromBytes('input.txt', text)], { formats: [kernelFormat] })
}

function leafStack(incident: Incident, record: number): string[] {
  const stack = incident.records.stack[record]
  if (stack === NONE) return []
  return getStackFrames(incident, stack).map((f) => getFrameFunc(incident, f))
}

// Classic syslog prints no year: without a file date the current one is assumed (and said in
// the warnings), so pin the clock to keep the snapshots of year-less samples stable.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-11-23T00:00:00Z'))
})
afterAll(() => {
  vi.useRealTimers()
})

describe('kernel fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const incident = await checkIncidentSnapshot(fixture(name))
    expect(incident.sources[0].regions.some((r) => r.format === 'kernel')).toBe(true)
    expect(incident.crashes.filter((c) => c.format === 'kernel').length).toBeGreaterThan(0)
  })
})

describe('kernel user faults', () => {
  it('decodes the seed HAProxy line, wrapped over three lines by Kibana', async () => {
    const incident = await parseKernel(readFixture('seed001-haproxy-kibana-wrapped-segfault.txt'))
    expect(incident.crashes).toHaveLength(1)
    const crash = incident.crashes[0]
    expect(crash.message).toBe(
      'haproxy[610] user-mode read of a not-present page at 0x7fdb0426e000 in ld-musl-x86_64.so.1 at offset 0x5105b',
    )
    expect(crash).toMatchObject({
      format: 'kernel',
      kind: 'segfault',
      signal: 'SIGSEGV',
      addr: '0x7fdb0426e000',
      pc: '0x7fdb0403305b',
      threadId: 610,
    })
    // 0x7fdb0403305b - 0x7fdb03fe2000 = 0x5105b.
    expect((0x7fdb0403305bn - 0x7fdb03fe2000n).toString(16)).toBe('5105b')
    expect(leafStack(incident, crash.record)).toEqual(['ld-musl-x86_64.so.1+0x5105b'])
    const frame = getStackFrames(incident, incident.records.stack[crash.record])[0]
    expect(getFrameModule(incident, frame)).toBe('ld-musl-x86_64.so.1')
    expect(incident.strings[incident.records.state[crash.record]]).toBe('user read, not present')
    expect(incident.records.id[crash.record]).toBe(610)
    expect(incident.strings[incident.records.name[crash.record]]).toBe('haproxy')
    // Only `[seconds]` is known: the event counts from boot.
    expect(incident.events.length).toBe(1)
    expect(incident.events.kind[0]).toBe(EventKind.segfault)
    expect(incident.events.relative[0]).toBe(1)
    expect(incident.events.time[0]).toBeCloseTo(4838261071.917, 3)
  })

  it('groups repeated segfaults at one offset into one stack with a count', async () => {
    const incident = await parseKernel(
      readFixture('issue-sniproxy-dmesg-repeated-segfaults-2014.txt'),
    )
    expect(incident.records.length).toBe(9)
    expect(new Set(incident.records.stack).size).toBe(1)
    expect(leafStack(incident, 0)).toEqual(['libc-2.13.so+0x45cba'])
  })

  it('reads traps with their signals and the printed file offset', async () => {
    const incident = await parseKernel(readFixture('dmesg-raw.txt'))
    expect(incident.crashes.map((c) => `${c.kind}/${c.signal}`)).toEqual([
      'segfault/SIGSEGV',
      'segfault/SIGSEGV',
      'divide error/SIGFPE',
      'segfault/SIGSEGV',
      'general protection/SIGSEGV',
      'invalid opcode/SIGILL',
      'segfault/SIGSEGV',
      'segfault/SIGSEGV',
    ])
    expect(incident.crashes[0].message).toContain('in libc.so.6 at offset 0x16d809')
    expect(incident.crashes[0].details).toContain('likely on CPU 0 (core 0, socket 0)')
    // Every segfault line here is followed by its Code: line.
    const segfaults = incident.crashes.filter((c) => c.kind === 'segfault')
    expect(segfaults.every((c) => c.details.some((d) => d.startsWith('Code: ')))).toBe(true)
  })

  it('takes the wall-clock time of a prefix with a date', async () => {
    const incident = await parseKernel(readFixture('dmesg-T.txt'))
    expect(incident.events.length).toBe(8)
    expect([...incident.events.relative].every((r) => r === 0)).toBe(true)
    expect(new Date(incident.events.time[0]).toISOString()).toBe('2026-11-22T19:34:35.000Z')
    expect(new Date(incident.crashes[0].time!).toISOString()).toBe('2026-11-22T19:34:35.000Z')
    expect(incident.strings[incident.events.label[0]]).toBe(
      'compressor[25233] segfault read in libc.so.6+0x16d809',
    )
    // `[Sun Nov 22 19:34:35 2026]` has no time since boot: nothing to anchor with.
    expect(incident.sources[0].bootClocks).toEqual([])
  })

  it('notes when the machine booted from a line that prints both clocks', async () => {
    // Guards against syslog kernel lines (`May  2 14:51:13 host kernel: [5870170.864740]`)
    // being left off the timeline: both clocks are read, the date for the event.
    const incident = await parseKernel(readFixture('issue-coturn-kern-log-classic-syslog.txt'))
    expect(new Date(incident.events.time[0]).toISOString()).toMatch(/-05-02T14:51:13\.000Z$/)
    expect(incident.events.relative[0]).toBe(0)
    const [clock, ...more] = incident.sources[0].bootClocks
    expect(more).toEqual([])
    expect(clock.line).toBe(0)
    expect(clock.wall).toBe(incident.events.time[0])
    expect(clock.sinceBoot).toBeCloseTo(5870170864.74, 2)
  })

  it('keeps one boot clock per boot', async () => {
    const incident = await parseKernel(
      [
        '2024-08-20T17:38:27.488639+00:00 sonic kernel: [   90.864905] runc[7180]: segfault at 7f5bcbc36f78 ip 00007f5bf39d67da sp 00007f5bcbc36f80 error 6',
        '2024-08-20T17:39:27.488662+00:00 sonic kernel: [  150.864923] runc[7181]: segfault at 7f5bcbc36f78 ip 00007f5bf39d67da sp 00007f5bcbc36f80 error 6',
        '2024-08-21T09:00:00.000000+00:00 sonic kernel: [   12.000000] runc[7182]: segfault at 7f5bcbc36f78 ip 00007f5bf39d67da sp 00007f5bcbc36f80 error 6',
      ].join('\n'),
    )
    const boots = incident.sources[0].bootClocks.map((c) =>
      new Date(c.wall - c.sinceBoot).toISOString(),
    )
    expect(boots).toEqual(['2024-08-20T17:36:56.623Z', '2024-08-21T08:59:48.000Z'])
  })

  it('counts rate-limited messages into a warning and the next crash', async () => {
    const incident = await parseKernel(
      readFixture('issue-sonic-rsyslog-iso-callbacks-suppressed.txt'),
    )
    expect(incident.sources[0].warnings.join('\n')).toContain('suppressed 1 message')
    expect(incident.crashes[1].details).toContain(
      '1 message(s) suppressed by rate limiting before this',
    )
  })
})

describe('kernel oopses', () => {
  it('puts the RIP function at the leaf and drops unreliable frames', async () => {
    const incident = await parseKernel(
      readFixture('satyr-koops-rhbz-1140681-general-protection-fault.txt'),
    )
    expect(incident.crashes).toHaveLength(1)
    const crash = incident.crashes[0]
    expect(crash).toMatchObject({ kind: 'general protection fault', pc: '0xffffffff81171b02' })
    const frames = leafStack(incident, crash.record)
    expect(frames[0]).toBe('find_get_entry')
    expect(frames[1]).toBe('find_lock_entry')
    expect(frames).not.toContain('kfree')
    expect(frames.at(-1)).toBe('page_fault')
    const modules = getStackFrames(incident, incident.records.stack[crash.record]).map((f) =>
      getFrameModule(incident, f),
    )
    expect(modules).toContain('i915')
    expect(modules[0]).toBe('vmlinux')
  })

  it('reads new-style traces without addresses and keeps the first header', async () => {
    const incident = await parseKernel(readFixture('satyr-koops-rhbz-1518943-oops-null-deref.txt'))
    expect(incident.crashes).toHaveLength(1)
    expect(incident.crashes[0].kind).toBe('page fault')
    expect(incident.crashes[0].details).toContain('Oops: 0000 [#1] SMP NOPTI')
    const frames = leafStack(incident, incident.crashes[0].record)
    expect(frames.slice(0, 2)).toEqual(['amdgpu_vm_sdma_commit', 'amdgpu_vm_sdma_update'])
    expect(frames.at(-1)).toBe('entry_SYSCALL_64_after_hwframe')
  })

  it('names the task from the soft lockup header', async () => {
    const incident = await parseKernel(readFixture('satyr-koops-rhbz-1235021-soft-lockup.txt'))
    expect(incident.crashes[0]).toMatchObject({ kind: 'soft lockup', threadId: 1580 })
  })
})

const seed = readFixture('seed001-haproxy-kibana-wrapped-segfault.txt')
const gpf = readFixture('satyr-koops-rhbz-1140681-general-protection-fault.txt')
const segfaultLine =
  'iperf3[1525756]: segfault at 2d0 ip 00007b49bd09a8fd sp 00007fff39e19e80 error 4 in libc.so.6[7b49bd028000+188000]'

describe('edge cases', () => {
  it.each([
    { name: 'empty', input: '', crashes: 0, records: 0 },
    { name: 'only junk', input: 'hello\nsegfault happened\n[1] foo\n', crashes: 0, records: 0 },
    { name: 'CRLF', input: seed.replace(/\n/g, '\r\n'), crashes: 1, records: 1 },
    {
      name: 'truncated last line',
      input: segfaultLine + '\n' + segfaultLine.slice(0, 60),
      crashes: 1,
      records: 1,
    },
    {
      name: 'a prefix on every line',
      input: gpf
        .split('\n')
        .map((l, i) => `Jan 12 10:00:${String(i % 60).padStart(2, '0')} host kernel: ${l}`)
        .join('\n'),
      crashes: 1,
      records: 1,
    },
    {
      name: 'segfault lines between application logs',
      input: `app started\n${segfaultLine}\nCode: 2e 0f <8b> 87\napp restarted\n${segfaultLine}\n`,
      crashes: 2,
      records: 2,
    },
    {
      name: 'a wrapped line that never completes',
      input: 'kernel: [1.0] haproxy[610]: segfault\nat 7fdb0426e000 ip\nsomething else\n',
      crashes: 0,
      records: 0,
    },
    {
      name: 'a 100 KB line',
      input: 'x'.repeat(100_000) + '\n' + segfaultLine,
      crashes: 1,
      records: 1,
    },
  ])('$name', async ({ input, crashes, records }) => {
    const incident = await parseKernel(input)
    expect(incident.crashes.length).toBe(crashes)
    expect(incident.records.length).toBe(records)
    assertIncidentIntegrity(incident)
  })

  it('keeps the oops trace when every line has a syslog prefix', async () => {
    const prefixed = gpf
      .split('\n')
      .map((l) => `Jan 12 10:00:01 host kernel: ${l}`)
      .join('\n')
    const a = await parseKernel(prefixed)
    const b = await parseKernel(gpf)
    expect(leafStack(a, a.crashes[0].record)).toEqual(leafStack(b, b.crashes[0].record))
  })

  it('joins a segfault line wrapped in the middle of its fields', async () => {
    const incident = await parseKernel(
      'haproxy[610]: segfault at 7fdb0426e000 ip\n00007fdb0403305b sp 00007ffee5ff8988 error 4\nin ld-musl-x86_64.so.1[7fdb03fe2000+87000]\n',
    )
    expect(incident.crashes).toHaveLength(1)
    expect(incident.crashes[0].message).toContain('at offset 0x5105b')
  })

  it('warns about a segfault line cut before its end', async () => {
    const incident = await parseKernel('kernel: [1.0] haproxy[610]: segfault\n')
    expect(incident.sources[0].warnings.join('\n')).toContain('cut short')
  })
})

describe('properties', () => {
  const samples = fixtures.map(readFixture)

  it('never throws and is deterministic on arbitrary text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400 }), async (text) => {
        const a = dumpIncident(await parseKernel(text))
        const b = dumpIncident(await parseKernel(text))
        expect(a).toBe(b)
      }),
      { numRuns: 200 },
    )
  })

  it('never throws and is deterministic on mutated samples', async () => {
    await checkMutatedSamples(samples, parseKernel, { maxEdits: 6 })
  })
})
