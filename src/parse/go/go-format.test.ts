import { checkMutatedSamples } from '../../test/mutated-samples'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { getFrameFunc, getFrameKindName, getStackFrames } from '../../model/stacks'
import type { Incident } from '../../model/types'
import { NONE, RecordFlag } from '../../model/types'
import {
  assertIncidentIntegrity,
  checkIncidentSnapshot,
  dumpIncident,
  inputFromBytes,
  parseText,
} from '../../test/incident-snapshot'
import { parseInputs } from '../index'
import { goFormat, sniffGo } from './go-format'
import { seededRandom } from '../../lib/prng'

const FIXTURES = join(__dirname, '__fixtures__')
const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.txt'))
  .sort()
const fixture = (name: string) => join(FIXTURES, name)
const read = (name: string) => readFileSync(fixture(name), 'utf8')

/** Parses with the Go format alone, so the test does not depend on other formats' sniffers. */
function parseGo(text: string): Promise<Incident> {
  return parseInputs([inputFromBytes('input.txt', text)], { formats: [goFormat] })
}

// The runtime's goroutine header, counted independently of the parser (traceback.go
// goroutineheader), wherever it sits on the line.
const HEADER = /goroutine \d+ (?:gp=0x[0-9a-f]+ m=\S+ (?:mp=0x[0-9a-f]+ )?)?\[[^\]]*\]:/g

function goroutineRecords(incident: Incident): number[] {
  const out: number[] = []
  const r = incident.records
  for (let i = 0; i < r.length; i++) {
    const state = r.state[i] === NONE ? '' : incident.strings[r.state[i]]
    if (r.id[i] >= 0 && !state.startsWith('race ')) out.push(i)
  }
  return out
}

function funcs(incident: Incident, record: number): string[] {
  const leaf = incident.records.stack[record]
  return leaf === NONE ? [] : getStackFrames(incident, leaf).map((f) => getFrameFunc(incident, f))
}

function stateOf(incident: Incident, record: number): string {
  const s = incident.records.state[record]
  return s === NONE ? '' : incident.strings[s]
}

describe('go fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const incident = await checkIncidentSnapshot(fixture(name))
    expect(incident.sources[0].regions.map((r) => r.format)).toContain('go')
    // Every goroutine header in the file is one record.
    const headers = read(name).match(HEADER)?.length ?? 0
    expect(goroutineRecords(incident).length).toBe(headers)
  })
})

describe('totals against what the input itself says', () => {
  it.each([
    ['local-go119-gen-dump-n300-panic.txt', 302],
    ['local-go119-gen-dump-n300-wait61s.txt', 302],
    ['local-go119-gen-dump-n2000-churn.txt', 2002],
  ])('%s: the watchdog counted %i goroutines', async (name, n) => {
    const incident = await parseGo(read(name))
    expect(incident.crashes).toHaveLength(1)
    expect(incident.crashes[0].message).toContain(`${n} goroutines exceed limit`)
    expect(goroutineRecords(incident)).toHaveLength(n)
    const crashed = incident.crashes[0].record
    expect(crashed).not.toBe(NONE)
    expect(incident.records.flags[crashed] & RecordFlag.crashed).toBeTruthy()
    expect(funcs(incident, crashed)[0]).toBe('main.watchdog')
  })

  it('the 280 DNS waiters of the n300 dump share one stack', async () => {
    const incident = await parseGo(read('local-go119-gen-dump-n300-panic.txt'))
    const counts = new Map<number, number>()
    for (const i of goroutineRecords(incident)) {
      if (stateOf(incident, i) !== 'semacquire') continue
      const leaf = incident.records.stack[i]
      counts.set(leaf, (counts.get(leaf) ?? 0) + 1)
    }
    expect(Math.max(...counts.values())).toBe(279)
  })

  it('wait times: `[semacquire, 1 minutes]` is state semacquire waiting 1 minute', async () => {
    const incident = await parseGo(read('local-go119-gen-dump-n300-wait61s.txt'))
    const r = incident.records
    let waited = 0
    for (const i of goroutineRecords(incident)) {
      if (r.waitMinutes[i] === 1) {
        waited++
        expect(stateOf(incident, i)).not.toContain('minutes')
      }
    }
    expect(waited).toBe(read('local-go119-gen-dump-n300-wait61s.txt').match(/, 1 minutes/g)!.length)
  })

  it('GOTRACEBACK=system: the runtime goroutines it adds are the ones flagged system', async () => {
    // The same program dumped with the default GOTRACEBACK hides runtime goroutines; the
    // difference in goroutine count is exactly what GOTRACEBACK=system adds.
    const system = await parseGo(read('local-go119-gen-dump-n300-system.txt'))
    const plain = await parseGo(read('local-go119-gen-dump-n300-panic.txt'))
    const flagged = (i: Incident) =>
      goroutineRecords(i).filter((r) => i.records.flags[r] & RecordFlag.system)
    expect(flagged(plain)).toEqual([])
    expect(flagged(system).length).toBe(
      goroutineRecords(system).length - goroutineRecords(plain).length,
    )
    const states = new Set(flagged(system).map((r) => stateOf(system, r)))
    expect(states).toContain('force gc (idle)')
    expect(states).toContain('GC worker (idle)')
  })

  it('signal facts: `[signal SIGSEGV ... code=0x1 addr=0x0 pc=0x4842eb]`', async () => {
    const incident = await parseGo(read('local-go119-nil.txt'))
    const [crash] = incident.crashes
    expect(crash).toMatchObject({
      kind: 'panic',
      message: 'runtime error: invalid memory address or nil pointer dereference',
      signal: 'SIGSEGV',
      code: '0x1',
      addr: '0x0',
      pc: '0x4842eb',
      threadId: 1,
    })
  })

  it('`panic during panic` before the `[signal` line keeps the signal facts', async () => {
    const name = 'issue-golang-go-60196-cri-prefixed-panic-during-panic.txt'
    const incident = await parseInputs([inputFromBytes(name, readFileSync(fixture(name)))])
    const m = /\[signal (SIG\w+): [a-z ]+ code=(\S+) addr=(\S+) pc=(\S+)\]/.exec(read(name))!
    expect(read(name)).toMatch(/panic during panic\n.*\[signal /)
    expect(incident.crashes[0]).toMatchObject({
      kind: 'fatal error',
      signal: m[1],
      code: m[2],
      addr: m[3],
      pc: m[4],
    })
    expect(incident.crashes[0].details).toContain('panic during panic')
  })

  it('pre-go1.5 signal numbers are named: `[signal 0xb ...]` is SIGSEGV', async () => {
    const incident = await parseGo(read('gotfmt-nil-deref-signal0xb-go12.txt'))
    expect(incident.crashes[0].signal).toBe('SIGSEGV')
    expect(incident.crashes[0].details).toContain('exit status 2')
  })

  it('Windows exceptions: code, address and pc from `Exception 0xc0000005 ...`', async () => {
    // Shape from runtime/signal_windows.go (winthrow); no Windows sample in the corpus yet.
    const text = [
      'Exception 0xc0000005 0x0 0x18 0x7ffb1d2c3f4e',
      'PC=0x7ffb1d2c3f4e',
      'signal arrived during external code execution',
      '',
      'runtime.cgocall(0x7ff6a1e0c2a0, 0xc00010bd50)',
      '\tC:/Program Files/Go/src/runtime/cgocall.go:157 +0x3e fp=0xc00010bd28 sp=0xc00010bcf0 pc=0x7ff6a1d5b5fe',
      'main._Cfunc_crash()',
      '\t_cgo_gotypes.go:39 +0x45',
      '',
      'goroutine 1 [syscall]:',
      'main.main()',
      '\tC:/src/app/main.go:9 +0x17',
    ].join('\n')
    const incident = await parseGo(text)
    expect(incident.crashes).toHaveLength(1)
    expect(incident.crashes[0]).toMatchObject({
      kind: 'signal',
      signal: 'EXCEPTION_ACCESS_VIOLATION',
      code: '0xc0000005',
      addr: '0x18',
      pc: '0x7ffb1d2c3f4e',
      details: ['signal arrived during external code execution'],
    })
    expect(funcs(incident, incident.crashes[0].record)).toEqual([
      'runtime.cgocall',
      'main._Cfunc_crash',
    ])
    expect(incident.records.length).toBe(2)
  })

  it('a timestamp in the log prefix becomes the crash time', async () => {
    const text = SIMPLE.map((l) => `2023-05-15T00:29:00.060915154Z stderr F ${l}`).join('\n')
    const incident = await parseGo(text)
    // The scanner keeps the nanoseconds as a fraction of a millisecond.
    expect(Math.floor(incident.crashes[0].time ?? NaN)).toBe(Date.UTC(2023, 4, 15, 0, 29, 0, 60))
  })

  it('cgo frames are marked at the Go/C boundary', async () => {
    const incident = await parseGo(read('local-go119-cgo-segv.txt'))
    const kinds = new Map<string, string>()
    for (let f = 0; f < incident.frames.length; f++)
      kinds.set(getFrameFunc(incident, f), getFrameKindName(incident, f))
    expect(kinds.get('runtime.cgocall')).toBe('cgo')
    expect(kinds.get('main._Cfunc_lookup_record')).toBe('cgo')
    expect(kinds.get('main.crashInC')).toBe('app')
    expect(kinds.get('runtime.gopark')).toBe('runtime')
  })

  it('created by ... in goroutine N sets the parent id (go1.21+)', async () => {
    const incident = await parseGo(read('gostackparse-go121-createdby-in-goroutine.txt'))
    const r = incident.records
    const child = goroutineRecords(incident).find((i) => r.parentId[i] === 1)
    expect(child).toBeDefined()
    expect(r.createdBy[child!]).not.toBe(NONE)
  })

  it('goroutine profile (debug=1): groups are weighted by their count', async () => {
    const text = [
      'goroutine profile: total 5',
      '3 @ 0x43bd85 0x44c9d2 0x4a8f6f 0x46e181',
      '#\t0x44c9d1\tsync.runtime_Semacquire+0x31\t/usr/lib/go/src/runtime/sema.go:62',
      '#\t0x4a8f6e\tmain.worker+0x2e\t/src/app/main.go:20',
      '',
      '2 @ 0x43bd85 0x46e181',
      '# labels: {"job":"x"}',
      '#\t0x43bd84\truntime.gopark+0x124\t/usr/lib/go/src/runtime/proc.go:363',
      '',
    ].join('\n')
    const incident = await parseGo(text)
    expect(Array.from(incident.records.count)).toEqual([3, 2])
    expect(funcs(incident, 0)).toEqual(['sync.runtime_Semacquire', 'main.worker'])
    expect(incident.sources[0].warnings).toEqual([])
    const wrong = await parseGo(text.replace('total 5', 'total 6'))
    expect(wrong.sources[0].warnings[0]).toContain('total 6')
  })
})

const SIMPLE = [
  'panic: boom',
  '',
  'goroutine 1 [running]:',
  'main.f(0x1)',
  '\t/src/app/main.go:12 +0x1d',
  'main.main()',
  '\t/src/app/main.go:7 +0x25',
  'exit status 2',
]

type Case = { name: string; input: string; check: (incident: Incident) => void }

const simpleStack = (incident: Incident) => {
  expect(incident.crashes.map((c) => `${c.kind}: ${c.message}`)).toEqual(['panic: boom'])
  expect(incident.records.length).toBe(1)
  expect(funcs(incident, 0)).toEqual(['main.f', 'main.main'])
}

const cases: Case[] = [
  {
    name: 'empty input',
    input: '',
    check: (i) => expect(i.records.length + i.crashes.length).toBe(0),
  },
  {
    name: 'only junk',
    input: 'hello\nworld: 12\n(not a frame)\nfoo.bar baz()\n',
    check: (i) => {
      expect(i.sources[0].regions).toEqual([])
      expect(i.sources[0].unrecognizedLines).toBe(4)
    },
  },
  { name: 'CRLF line endings', input: SIMPLE.join('\r\n'), check: simpleStack },
  {
    name: 'a Kubernetes CRI prefix on every line',
    input: SIMPLE.map((l, n) => `2023-05-15T00:29:00.0609${n}5154Z stderr F ${l}`).join('\n'),
    check: (i) => {
      simpleStack(i)
      expect(i.sources[0].unrecognizedLines).toBe(0)
    },
  },
  {
    name: 'a paste indented by 8 spaces, tabs turned into spaces',
    input: SIMPLE.map((l) => '        ' + l.replace('\t', '        ')).join('\n'),
    check: simpleStack,
  },
  {
    name: 'locations that lost their tab',
    input: SIMPLE.map((l) => l.replace('\t', '')).join('\n'),
    check: simpleStack,
  },
  {
    name: 'Kibana export: date prefix and a ` - ` suffix',
    input: SIMPLE.map((l) => `August 3rd 2017, 19:28:27.000 ${l}   - `).join('\n'),
    check: simpleStack,
  },
  {
    name: 'a location hard-wrapped by the terminal',
    input: SIMPLE.join('\n').replace('+0x1d', '+0x1d fp=0xc8260edd9\n8'),
    check: simpleStack,
  },
  {
    name: 'a log line interleaved between a frame and its location',
    input: SIMPLE.join('\n').replace('main.f(0x1)\n', 'main.f(0x1)\n[INFO] unrelated\n'),
    check: simpleStack,
  },
  {
    name: 'truncated last line (mid-frame)',
    input: SIMPLE.slice(0, 4).join('\n') + '\n\t/src/app/ma',
    check: (i) => {
      expect(i.records.length).toBe(1)
      expect(funcs(i, 0)).toEqual(['main.f'])
      expect(i.records.flags[0] & RecordFlag.truncated).toBeTruthy()
      expect(i.sources[0].warnings.join()).toContain('truncated')
    },
  },
  {
    name: 'a 100 KB line inside a dump',
    input: SIMPLE.slice(0, 5).join('\n') + '\n' + 'x'.repeat(100_000) + '\n' + SIMPLE[5],
    check: (i) => {
      expect(i.records.length).toBe(1)
      expect(funcs(i, 0)[0]).toBe('main.f')
    },
  },
  {
    name: 'a multi-line panic value',
    input: ['panic: first line', 'second line', '', ...SIMPLE.slice(2)].join('\n'),
    check: (i) => expect(i.crashes[0].message).toBe('first line\nsecond line'),
  },
  {
    name: 'a recovered and re-raised panic',
    input: ['panic: first [recovered]', '\tpanic: second', '', ...SIMPLE.slice(2)].join('\n'),
    check: (i) => {
      expect(i.crashes).toHaveLength(1)
      expect(i.crashes[0].message).toBe('first [recovered]')
      expect(i.crashes[0].details).toContain('panic: second')
    },
  },
  {
    name: 'prose after a dump is not claimed',
    input: SIMPLE.slice(0, 7).join('\n') + '\n\nThe fix was to add a timeout.\n',
    check: (i) => {
      expect(i.sources[0].regions).toEqual([{ format: 'go', firstLine: 0, lastLine: 7 }])
    },
  },
  {
    name: 'a lone `panic:` inside a log message is not a crash',
    input: 'level=error msg="recovered" err="panic: boom"\nnext line\n',
    check: (i) => expect(i.crashes).toEqual([]),
  },
  {
    name: 'a race report cut short, then a panic: both are read',
    input: [
      'WARNING: DATA RACE',
      'Write at 0x00c0000140a8 by goroutine 7:',
      '  main.f()',
      '      /src/app/main.go:9 +0x3c',
      ...SIMPLE,
    ].join('\n'),
    check: (i) => {
      expect(i.crashes.map((c) => c.kind)).toEqual(['race', 'panic'])
      expect(i.sources[0].warnings.join()).toContain('race report ends')
      expect(funcs(i, i.crashes[1].record)).toEqual(['main.f', 'main.main'])
    },
  },
  {
    name: 'frames elided past 100 mark the record truncated',
    input: [...SIMPLE.slice(0, 5), '...additional frames elided...'].join('\n'),
    check: (i) => expect(i.records.flags[0] & RecordFlag.truncated).toBeTruthy(),
  },
]

describe('edge cases', () => {
  it.each(cases)('$name', async ({ input, check }) => {
    const incident = await parseGo(input)
    assertIncidentIntegrity(incident)
    check(incident)
  })

  it('the whole pipeline (every format) reads the simple panic the same', async () => {
    const alone = dumpIncident(await parseGo(SIMPLE.join('\n')))
    expect(dumpIncident(await parseText(SIMPLE.join('\n')))).toBe(alone)
  })
})

describe('sniffGo', () => {
  it.each([
    ['goroutine 1 [running]:', 0],
    ['goroutine 17 gp=0xc000006700 m=1 mp=0xc00006a008 [syscall, locked to thread]:', 0],
    ['2023-05-15T00:29:00.060915154Z stderr F goroutine 284 [select (scan), 572 minutes]:', 40],
    ['panic: boom', 0],
    ['fatal error: concurrent map writes', 0],
    ['2019/01/15 07:48:05 http: panic serving [::1]:54143: test panic', 20],
    ['runtime: goroutine stack exceeds 1000000000-byte limit', 0],
    ['runtime stack:', 0],
    ['SIGABRT: abort', 0],
    ['WARNING: DATA RACE', 0],
    ['goroutine profile: total 12', 0],
    ['\t/usr/local/go/src/runtime/panic.go:1047 +0x5d fp=0x7f6f019e2bc8', 0],
    ['  /go/pkg/mod/x@v1/y.go:12 +0x3', 0],
  ])('%s -> %i', (line, anchor) => expect(sniffGo(line)).toBe(anchor))

  it.each([
    'Kernel panic - not syncing: Fatal exception',
    "thread 'main' panicked at src/main.rs:2:5:",
    'level=error msg="panic: boom"',
    '#0  0x00007f962d5b3545 in __GI___clock_nanosleep () at clock_nanosleep.c:48',
    '    #1 0x4a3b2c in main /src/main.c:12:3',
    './main.go:12:3: undefined: x',
    'the goroutine 5 was slow',
    'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
    'Fatal Python error: Segmentation fault',
    'WARNING: ThreadSanitizer: data race (pid=1)',
    '',
  ])('refuses %s', (line) => expect(sniffGo(line)).toBe(-1))
})

describe('properties', () => {
  const samples = [
    'local-go119-nil.txt',
    'local-go119-race.txt',
    'gotfmt-sigabrt-go12.txt',
    'issue-golang-go-60196-cri-prefixed-panic-during-panic.txt',
    'gostackparse-ancestors-tracebackancestors.txt',
    'issue-kanali-12-kibana-date-prefixed-map-read-write.txt',
    'bugsnag-stack-overflow-runtime-stack-go115.txt',
  ].map((n) => read(n).split('\n'))
  const goLines = samples.flat()

  it('never throws and is deterministic on arbitrary text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constantFrom(...goLines), fc.string({ maxLength: 40 })), {
          maxLength: 60,
        }),
        async (lines) => {
          const text = lines.join('\n')
          const a = await parseGo(text)
          assertIncidentIntegrity(a)
          expect(dumpIncident(await parseGo(text))).toBe(dumpIncident(a))
        },
      ),
      { numRuns: 200 },
    )
  })

  it('never throws on samples with lines dropped, duplicated or cut', async () => {
    await checkMutatedSamples(
      samples.map((lines) => lines.join('\n')),
      parseGo,
    )
  })
})

describe('pushRange', () => {
  // The Go reader without its pushRange: every line goes through push, cleaned and parsed.
  const pushOnly: typeof goFormat = {
    ...goFormat,
    open(builder, context) {
      const reader = goFormat.open(builder, context)
      return { push: (line) => reader.push(line), close: () => reader.close() }
    },
  }
  const parseWith = async (format: typeof goFormat, text: string) => {
    const incident = await parseInputs([inputFromBytes('input.txt', text)], { formats: [format] })
    // The time the parse took differs from run to run.
    for (const s of incident.sources) s.parseMs = 0
    return incident
  }

  // Guards the lines read from their range in the chunk against reading otherwise than push
  // does: a repeated frame, header or `created by` line taken for the wrong one.
  it.each(fixtures)('reads %s, once and three times over, as push alone does', async (name) => {
    const text = read(name)
    for (const input of [text, `${text}\n${text}\n${text}`]) {
      const [fast, slow] = [await parseWith(goFormat, input), await parseWith(pushOnly, input)]
      expect(fast).toEqual(slow)
    }
  })

  // Every goroutine its own stack: each function and location line is new, and is read where
  // it lies when push would take it as it is; lines push cleans or reads otherwise are left
  // to it.
  it('reads stacks that repeat no line, some of them odd, as push alone does', async () => {
    const random = seededRandom(0x5ee)
    const odd: ((block: string) => string)[] = [
      (b) => b.replace(/\)\n/, ') \n'),
      (b) => b.replace(/\)\n/, ') -\n'),
      (b) => b.replace(/ \+0x[0-9a-f]+\n/, ' +0x1d -\n'),
      (b) => b.replace(/ \+0x[0-9a-f]+\n/, ' +0x1d\t\n'),
      (b) => b.replace(/\n\t/, '\n\t\t'),
      (b) => b.replace(/\n\t/, '\n \t'),
      (b) => b.replace(/\n\t/, '\n        '),
      (b) => b.replace(/\n\t\//, '\n\tgo/'),
      (b) => b.replace(/\n\t[^\n]*/, '\n\t'),
      (b) => b.replace(/\n\t[^\n]*/, '\n\tnot a location'),
      (b) => b.replace(/\npkg/, '\ngoroutine'),
      (b) => b.replace(/\npkg/, '\n.pkg'),
      (b) => b.replace(/\npkg/, '\n[pkg'),
      (b) => b.replace(/\npkg/, '\n-pkg'),
      (b) => b.replace(/\npkg/, '\ncreated by pkg'),
      (b) => b.replace(/\npkg/, '\ncrypto/pkg'),
      (b) => b.replace(/\npkg/, '\n...additional frames elided...\npkg'),
      (b) => b.replace(/\npkg\d+\.\w+/, '\nnopackage'),
      (b) => b.replace(/\npkg\d+\.\w+/, '\nhas space'),
      (b) => b.replace(/\(0x/, '((0x'),
      (b) => b.replace(/\)\n/, '\n'),
      (b) => b.replace(/\n\n$/, '\n'),
    ]
    let text = ''
    for (let id = 1; text.length < 200_000; id++) {
      const depth = 1 + Math.floor(random() * 3)
      let frames = ''
      for (let k = 0; k < depth; k++)
        frames += `pkg${id % 7}.f${id}_${k}(0x${id.toString(16)})\n\t/src/p${id % 5}/f.go:${id + k} +0x${k}\n`
      let block = `goroutine ${id} [select]:\n${frames}created by main.main\n\t/src/main.go:9 +0x25\n\n`
      if (random() < 0.1) block = odd[Math.floor(random() * odd.length)](block)
      text += block
    }
    const [fast, slow] = [await parseWith(goFormat, text), await parseWith(pushOnly, text)]
    expect(fast.records.length).toBeGreaterThan(1000)
    expect(fast).toEqual(slow)
  })

  it('leaves arguments that hold a `(` to the full parse, at any place in them', async () => {
    const goroutine = (id: number, args: string) =>
      `goroutine ${id} [select]:\nmain.f(${args})\n\t/app/main.go:7 +0x1d\n\n`
    // The last goroutine's function names, leaf first, and its arguments' hash.
    const lastOf = async (text: string) => {
      const incident = await parseWith(goFormat, text)
      const { records, stacks, frames, strings } = incident
      const last = records.stack.length - 1
      const funcs: string[] = []
      for (let node = records.stack[last]; node !== NONE; node = stacks.prefix[node])
        funcs.push(strings[frames.func[stacks.frame[node]]])
      return { funcs, argsHash: records.argsHash[last] }
    }
    for (const args of ['0x1, (0x2', '0x12, 0x(', '(', '0x3(', '(0x4', '0x(5']) {
      // Alone, the goroutine is read by the full parse; after one calling `main.f`, its
      // function line is offered to the reading of repeated lines first.
      const alone = await lastOf(goroutine(2, args))
      expect(await lastOf(goroutine(1, '0x1') + goroutine(2, args))).toEqual(alone)
      expect(alone.funcs).not.toEqual(['main.f'])
    }
    expect((await lastOf(goroutine(1, '0x1') + goroutine(2, '0x5'))).funcs).toEqual(['main.f'])
  })

  // A goroutine of a shape read before notes its arguments on its stack's nodes until each has
  // been seen with different ones (StoredShape.argsSettled): one that differs late still counts.
  it('marks a frame seen with other arguments however late they come', async () => {
    const block = (id: number, mode: string) =>
      `goroutine ${id} [select]:\nmain.f(0xc${id})\n\t/app/f.go:3 +0x1\nmain.mode(${mode})\n\t/app/main.go:30 +0x5\n\n`
    let text = ''
    for (let id = 1; id <= 50; id++) text += block(id, id === 40 ? '0x2' : '0x1')
    const [fast, slow] = [await parseWith(goFormat, text), await parseWith(pushOnly, text)]
    expect(fast).toEqual(slow)
    expect(Array.from(slow.stacks.argsDiffer).filter((d) => d === 1)).toHaveLength(2)
  })

  // Goroutines of a few stack shapes in turn, their arguments drawn anew each time, with now
  // and then a line that breaks the shape: a block read whole as a shape seen before
  // (StackTemplate) must read as push reads it line by line, across chunk boundaries too.
  it('reads goroutines of repeated shapes, some of them broken, as push alone does', async () => {
    const random = seededRandom(0x7e3)
    const ptr = () => `0xc${Math.floor(random() * 0xfffffff).toString(16)}`
    const shapes = [
      [
        'sync.runtime_Semacquire(#)\n\truntime/sema.go:62 +0x25',
        'main.wait(#, #)\n\t/app/main.go:9 +0x1d',
      ],
      ['main.(*T).loop(#)\n\t/app/t.go:40 +0x47', 'main.run()\n\t/app/main.go:3 +0x10'],
      ['runtime.gopark(#, 0x0?)\n\truntime/proc.go:363 +0xd6'],
    ]
    // A runtime creator makes a system goroutine, stored with its shape's flag.
    const creators = [
      'created by main.start in goroutine 1\n\t/app/main.go:20 +0x2b',
      'created by runtime.gcenable\n\truntime/mgc.go:199 +0x66',
      '',
    ]
    const breaks: ((block: string) => string)[] = [
      (b) => b.replace(/\(0xc[0-9a-f]+/, '((0x1'),
      (b) => b.replace(':62 ', ':63 '),
      (b) => b.replace(/\n\n$/, '\nexit status 2\n\n'),
      (b) => b.replace(/\n\n$/, '\n'),
      (b) => b.replace(/\)\n/, ') \n'),
      (b) => b.replace(/\n\t/, '\n  \t'),
      (b) => b.replace(/\ncreated by [^\n]*\n[^\n]*/, ''),
      (b) => b.replace(/\n\n$/, '\n   \n'),
      (b) => b.replace('main.wait', 'Main.wait'),
    ]
    let text = ''
    for (let id = 1; text.length < 300_000; id++) {
      const frames = shapes[Math.floor(random() * 1.2) % shapes.length]
      const r = random()
      const creator = creators[r < 0.8 ? 0 : r < 0.9 ? 1 : 2]
      const lines = frames.map((f) => f.replaceAll('#', ptr))
      if (creator !== '') lines.push(creator)
      let block = `goroutine ${id} [select]:\n${lines.join('\n')}\n\n`
      if (random() < 0.05) block = breaks[Math.floor(random() * breaks.length)](block)
      text += block
    }
    const [fast, slow] = [await parseWith(goFormat, text), await parseWith(pushOnly, text)]
    expect(fast.records.length).toBeGreaterThan(1000)
    expect(fast).toEqual(slow)
  })
})
