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
import { pythonFormat } from './python-format'
import { pythonModuleAndKind } from './python-frames'
import { formatFixtures } from '../../test/format-fixtures'
import { leafFrames } from '../../test/leaf-frames'

const { names: fixtures, path: fixture } = formatFixtures(__dirname)

describe('python fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const incident = await checkIncidentSnapshot(fixture(name))
    expect(incident.sources[0].regions.map((r) => r.format)).toContain('python')
  })
})

describe('tracebacks', () => {
  it('reads a chained traceback; the last exception is the crash', async () => {
    const incident = await checkIncidentSnapshot(fixture('traceback-chained.txt'))
    expect(incident.records.length).toBe(3)
    expect(incident.crashes).toHaveLength(1)
    const crash = incident.crashes[0]
    expect(crash.format).toBe('python')
    expect(crash.kind).toBe('exception')
    expect(crash.message).toBe("AttributeError: 'NoneType' object has no attribute 'close'")
    expect(crash.details).toEqual([
      "while handling: UpstreamError: bad settings line: 'workers=many'",
      "caused by: ValueError: invalid literal for int() with base 10: 'many'",
    ])
    expect(crash.record).toBe(2)
    expect(incident.records.flags[2] & RecordFlag.crashed).toBeTruthy()
    // Printed root first; the stack's leaf is the innermost call.
    expect(leafFrames(incident, 2)).toEqual(['handle', 'main', '<module>'])
  })

  it('classifies site-packages as library and keeps the package as module', async () => {
    const incident = await parseText(readFileSync(fixture('satyr-python-01.txt')))
    expect(incident.crashes[0].message).toBe(
      "AttributeError: 'NoneType' object has no attribute 'rsplit'",
    )
    const frames = getStackFrames(incident, incident.records.stack[0])
    expect(frames).toHaveLength(11)
    const yum = frames.find((f) => getFrameFunc(incident, f) === 'processTransaction')!
    expect(getFrameKindName(incident, yum)).toBe('library')
    expect(getFrameModule(incident, yum)).toBe('yum')
    expect(getFrameKindName(incident, frames[0])).toBe('app')
    expect(getFrameModule(incident, frames[0])).toBe('yumBackend')
  })

  it("takes the signal a child died of from subprocess's CalledProcessError", async () => {
    const text = readFileSync(fixture('subprocess-child-killed-py311.txt'), 'utf8')
    const [, signal] = /died with <Signals\.(SIG\w+): \d+>\.$/m.exec(text)!
    const incident = await parseText(text)
    expect(incident.crashes.map((c) => c.signal)).toEqual([signal])
    expect(incident.crashes[0].message).toMatch(/^subprocess\.CalledProcessError: /)
  })

  it('reads a SyntaxError printed without a Traceback line', async () => {
    const incident = await parseText(readFileSync(fixture('satyr-python-04.txt')))
    expect(incident.crashes[0].message).toBe('SyntaxError: invalid syntax')
    expect(leafFrames(incident, 0)).toEqual(['<module>'])
  })

  it.each([
    ['/usr/lib/python3.11/threading.py', 'stdlib', 'threading'],
    ['/root/.pyenv/versions/3.11.7/lib/python3.11/json/decoder.py', 'stdlib', 'json.decoder'],
    ['/usr/lib/python3/dist-packages/apt/cache.py', 'library', 'apt.cache'],
    ['/venv/lib/python3.12/site-packages/requests/__init__.py', 'library', 'requests'],
    ['C:\\Python311\\Lib\\asyncio\\base_events.py', 'stdlib', 'asyncio.base_events'],
    ['<frozen importlib._bootstrap>', 'stdlib', 'importlib._bootstrap'],
    ['/srv/app/crash.py', 'app', 'crash'],
  ])('%s is %s (%s)', (file, kind, module) => {
    const got = pythonModuleAndKind(file)
    expect({
      kind: ['app', 'runtime', 'stdlib', 'native', 'kernel', 'cgo', 'unknown', 'library'][got.kind],
      module: got.module,
    }).toEqual({ kind, module })
  })
})

describe('faulthandler', () => {
  it('reads one record per thread, innermost first', async () => {
    const incident = await checkIncidentSnapshot(fixture('faulthandler-dump-later.txt'))
    expect(incident.records.length).toBe(2)
    expect(incident.crashes).toHaveLength(0)
    expect(leafFrames(incident, 0)[0]).toBe('wait')
    expect(incident.records.id[0]).toBe(0x00007f79a92216c0)
    expect(leafFrames(incident, 1)).toEqual(['main', '<module>'])
  })

  it('reports a fatal error with the current thread as the crashed record', async () => {
    const text = [
      'Fatal Python error: Segmentation fault',
      '',
      'Thread 0x00007f47ba8986c0 (most recent call first):',
      '  File "/usr/lib/python3.11/threading.py", line 320 in wait',
      '',
      'Current thread 0x00007f47bb625b80 (most recent call first):',
      '  File "/srv/crash.py", line 9 in boom',
      '  File "/srv/crash.py", line 12 in <module>',
      '',
      '',
      "Current thread's C stack trace (most recent call first):",
      '  Binary file "/usr/bin/python3.13", at _Py_DumpStack+0x4c [0x55d0c3a1b2cc]',
      '',
      'Extension modules: numpy.core._multiarray_umath (total: 1)',
    ].join('\n')
    const incident = await parseText(text)
    assertIncidentIntegrity(incident)
    expect(incident.records.length).toBe(2)
    const crash = incident.crashes[0]
    expect(crash).toMatchObject({
      kind: 'fatal error',
      message: 'Segmentation fault',
      signal: 'SIGSEGV',
      record: 1,
    })
    expect(crash.threadId).toBe(0x00007f47bb625b80)
    expect(leafFrames(incident, 1)).toEqual(['boom', '<module>'])
  })
})

const TRACE = [
  'Traceback (most recent call last):',
  '  File "/srv/app.py", line 3, in <module>',
  '    main()',
  '  File "/srv/app.py", line 2, in main',
  '    raise ValueError("bad")',
  'ValueError: bad',
]

describe('edge cases', () => {
  it.each([
    { name: 'empty', text: '', records: 0, message: '' },
    { name: 'only junk', text: 'hello\nValueError: nope\n  nothing\n', records: 0, message: '' },
    { name: 'CRLF', text: TRACE.join('\r\n') + '\r\n', records: 1, message: 'ValueError: bad' },
    {
      name: 'truncated last line',
      text: TRACE.slice(0, 4).join('\n') + '\n    rai',
      records: 1,
      message: '(traceback without an exception line)',
    },
    {
      name: 'a prefix on every line',
      text: TRACE.map((l) => `May  2 14:51:13 host app[12]: ${l}`).join('\n'),
      records: 1,
      message: 'ValueError: bad',
    },
    {
      name: 'a thread name from threading.excepthook',
      text: ['Exception in thread Thread-1 (worker):', ...TRACE].join('\n'),
      records: 1,
      message: 'ValueError: bad',
    },
    {
      name: 'an exception group',
      text: [
        '  + Exception Group Traceback (most recent call last):',
        '  |   File "/srv/g.py", line 3, in <module>',
        '  |     raise ExceptionGroup("many", [ValueError(1), TypeError(2)])',
        '  | ExceptionGroup: many (2 sub-exceptions)',
        '  +-+---------------- 1 ----------------',
        '    | ValueError: 1',
        '    +---------------- 2 ----------------',
        '    | TypeError: 2',
        '    +------------------------------------',
      ].join('\n'),
      records: 3,
      message: 'ExceptionGroup: many (2 sub-exceptions)',
    },
  ])('$name', async ({ text, records, message }) => {
    const incident = await parseText(text)
    assertIncidentIntegrity(incident)
    expect(incident.records.length).toBe(records)
    expect(incident.crashes[0]?.message ?? '').toBe(message)
  })

  it('warns when the traceback is cut before its exception line', async () => {
    const incident = await parseText(TRACE.slice(0, 4).join('\n'))
    expect(incident.sources[0].warnings).toContain(
      'The Python traceback is cut before its exception line.',
    )
  })

  it('names the thread from threading.excepthook', async () => {
    const incident = await parseText(
      ['Exception in thread Thread-1 (worker):', ...TRACE].join('\n'),
    )
    expect(incident.strings[incident.records.name[0]]).toBe('Thread-1 (worker)')
  })

  it('sniffs only Python anchors', () => {
    expect(pythonFormat.sniff('Traceback (most recent call last):')).toBe(0)
    expect(pythonFormat.sniff('ERROR app: Traceback (most recent call last):')).toBe(11)
    expect(pythonFormat.sniff('Fatal Python error: Aborted')).toBe(0)
    expect(pythonFormat.sniff('ValueError: bad')).toBe(-1)
    expect(pythonFormat.sniff('Exception in thread "main" java.lang.Error')).toBe(-1)
  })
})

describeParserProperties(fixtures.map((f) => readFileSync(fixture(f), 'utf8')))
