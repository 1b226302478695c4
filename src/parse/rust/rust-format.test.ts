import { describeParserProperties } from '../../test/parser-properties'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { getFrameFunc, getFrameKindName, getFrameModule, getStackFrames } from '../../model/stacks'
import { RecordFlag } from '../../model/types'
import {
  assertIncidentIntegrity,
  checkIncidentSnapshot,
  parseText,
} from '../../test/incident-snapshot'
import { rustFormat } from './rust-format'
import { cleanRustSymbol, rustCrate } from './rust-frames'
import { formatFixtures } from '../../test/format-fixtures'
import { leafFrames } from '../../test/leaf-frames'

const { names: fixtures, path: fixture } = formatFixtures(__dirname)

describe('rust fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const incident = await checkIncidentSnapshot(fixture(name))
    expect(incident.sources[0].regions.map((r) => r.format)).toContain('rust')
  })
})

describe('panics', () => {
  it('reads a 1.95 panic with RUST_BACKTRACE=1', async () => {
    const incident = await checkIncidentSnapshot(fixture('panic-index-backtrace1.txt'))
    expect(incident.crashes).toHaveLength(1)
    const crash = incident.crashes[0]
    expect(crash).toMatchObject({
      format: 'rust',
      kind: 'panic',
      message: 'index out of bounds: the len is 3 but the index is 5',
      threadId: 27146,
      record: 0,
    })
    expect(crash.details).toEqual([
      'location: panic.rs:12:15',
      'first application frame: panic::pick_shard (./panic.rs:12)',
    ])
    const r = incident.records
    expect(incident.strings[r.name[0]]).toBe('main')
    expect(r.flags[0] & RecordFlag.crashed).toBeTruthy()
    const frames = getStackFrames(incident, r.stack[0])
    expect(frames).toHaveLength(9)
    expect(getFrameFunc(incident, frames[0])).toBe('__rustc::rust_begin_unwind')
    expect(getFrameKindName(incident, frames[0])).toBe('runtime')
    expect(getFrameKindName(incident, frames[3])).toBe('stdlib')
    expect(getFrameModule(incident, frames[3])).toBe('core')
    expect(getFrameFunc(incident, frames[6])).toBe('panic::pick_shard')
    expect(getFrameKindName(incident, frames[6])).toBe('app')
    expect(getFrameModule(incident, frames[6])).toBe('panic')
  })

  it('strips hashes and crate disambiguators in the full format', async () => {
    const incident = await parseText(readFileSync(fixture('panic-index-backtrace-full.txt')))
    const funcs = leafFrames(incident, 0)
    expect(funcs).toHaveLength(40)
    expect(funcs[0]).toBe('std::backtrace_rs::backtrace::libunwind::trace')
    expect(funcs[20]).toBe('panic::pick_shard')
    expect(funcs[39]).toBe('unknown')
    // The full format's frames with the same function and line are the same frames as RUST_BACKTRACE=1's.
    expect(incident.crashes[0].details).toContain(
      'first application frame: panic::pick_shard (/srv/incident-lab/native/runs0/.build/panic.rs:12)',
    )
  })

  it('reads the pre-1.73 header with the message inline', async () => {
    const incident = await parseText(
      readFileSync(fixture('issue-servo-9712-rust-2016-panic-old-backtrace.txt')),
    )
    const crash = incident.crashes[0]
    expect(crash.message).toBe('unable to find pipeline - this is a bug')
    expect(incident.strings[incident.records.name[crash.record]]).toBe('Constellation')
    // The backtrace pasted before the header is kept as its own record.
    expect(incident.records.length).toBe(2)
    expect(leafFrames(incident, 0)).toHaveLength(16)
    expect(leafFrames(incident, 0)[1]).toBe(
      'panicking::default_handler::{{closure}}::closure.42840',
    )
  })

  it('warns about a backtrace that lost its first frames', async () => {
    const incident = await parseText(
      readFileSync(fixture('issue-lapce-16-rust-full-backtrace-at-lines.txt')),
    )
    expect(incident.sources[0].warnings).toEqual([
      'A Rust backtrace starts at frame 27: its beginning is missing.',
    ])
    expect(incident.records.flags[0] & RecordFlag.truncated).toBeTruthy()
    expect(incident.crashes).toHaveLength(0)
  })

  it.each([
    ['std::rt::lang_start::h9d6ab3fd6f856dbb', 'std::rt::lang_start', 'std'],
    [
      'sys::backtrace::tracing::imp::write::hb120982054a416e35nu',
      'sys::backtrace::tracing::imp::write',
      'sys',
    ],
    [
      'sys_common::unwind::begin_unwind::h2255876783782665235',
      'sys_common::unwind::begin_unwind',
      'sys_common',
    ],
    [
      '<alloc::vec::Vec<T,A> as core::ops::index::Index<I>>::index',
      '<alloc::vec::Vec<T,A> as core::ops::index::Index<I>>::index',
      'alloc',
    ],
    [
      '<usize as core::slice::index::SliceIndex<[T]>>::index::hed08afa584cbd768',
      '<usize as core::slice::index::SliceIndex<[T]>>::index',
      'core',
    ],
    ['core[c1f1a4ba060b9bfa]::fmt::write', 'core::fmt::write', 'core'],
  ])('%s', (symbol, clean, crate) => {
    expect(cleanRustSymbol(symbol)).toBe(clean)
    expect(rustCrate(cleanRustSymbol(symbol))).toBe(crate)
  })
})

const PANIC = [
  "thread 'worker-1' panicked at src/main.rs:2:5:",
  'assertion `left == right` failed',
  '  left: 1',
  ' right: 2',
  'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace',
]

describe('edge cases', () => {
  it.each([
    { name: 'empty', text: '', records: 0, message: '' },
    {
      name: 'only junk',
      text: 'hello\nstack backtraces are nice\n 0: x\n',
      records: 0,
      message: '',
    },
    {
      name: 'CRLF',
      text: PANIC.join('\r\n') + '\r\n',
      records: 1,
      message: 'assertion `left == right` failed\n  left: 1\n right: 2',
    },
    {
      name: 'truncated last line',
      text: PANIC.slice(0, 2).join('\n') + '\nnote: run with `RUST_BA',
      records: 1,
      message: 'assertion `left == right` failed',
    },
    {
      name: 'a prefix on every line',
      text: PANIC.map((l) => `2024-05-01T10:00:00.123456789Z stderr F ${l}`).join('\n'),
      records: 1,
      // The prefix's shape ends in spaces, so the peeler takes the message's indentation too.
      message: 'assertion `left == right` failed\nleft: 1\nright: 2',
    },
    {
      name: 'a stack overflow',
      text: "\nthread 'main' (21094) has overflowed its stack\nfatal runtime error: stack overflow, aborting\n",
      records: 1,
      message: "thread 'main' has overflowed its stack",
    },
    {
      name: 'two panics in a row',
      text: "thread 'a' panicked at 'one', src/a.rs:1:1\nthread 'b' panicked at 'two', src/b.rs:2:2\n",
      records: 2,
      message: 'one',
    },
  ])('$name', async ({ text, records, message }) => {
    const incident = await parseText(text)
    assertIncidentIntegrity(incident)
    expect(incident.records.length).toBe(records)
    expect(incident.crashes[0]?.message ?? '').toBe(message)
  })

  it('sniffs a line with long runs of spaces quickly', () => {
    // Guards against searching for patterns that start with a space: V8 scans such runs slowly
    // (a 10 KB line took 0.3 ms per sniff, 5 minutes for a million lines).
    const line = ' '.repeat(5000) + '1: ' + ' '.repeat(5000)
    const started = performance.now()
    let found = 0
    for (let i = 0; i < 2000; i++) found += rustFormat.sniff(line)
    const ms = performance.now() - started
    expect(found).toBe(-2000)
    expect(ms).toBeLessThan(250)
  })

  it('sniffs only Rust anchors', () => {
    expect(rustFormat.sniff("thread 'main' panicked at src/main.rs:2:5:")).toBe(0)
    expect(rustFormat.sniff("[ERROR] thread '<unnamed>' panicked at 'x', a.rs:1")).toBe(8)
    expect(rustFormat.sniff('stack backtrace:')).toBe(0)
    expect(rustFormat.sniff('the stack backtrace: was long')).toBe(-1)
    expect(rustFormat.sniff('  3: 0x1234 node::Abort() [node]')).toBe(-1)
  })
})

describeParserProperties(fixtures.map((f) => readFileSync(fixture(f), 'utf8')))
