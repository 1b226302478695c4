import { describeParserProperties } from '../../test/parser-properties'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { IncidentBuilder } from '../../model/builder'
import { getFrameFunc, getFrameKindName, getFrameModule, getStackFrames } from '../../model/stacks'
import { FrameKind, RecordFlag } from '../../model/types'
import {
  assertIncidentIntegrity,
  checkIncidentSnapshot,
  parseText,
} from '../../test/incident-snapshot'
import { nodeFormat } from './node-format'
import { jsFrameKind } from './node-frames'
import { formatFixtures } from '../../test/format-fixtures'
import { leafFrames } from '../../test/leaf-frames'

const { names: fixtures, path: fixture } = formatFixtures(__dirname, ['.txt', '.json'])

describe('node fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const incident = await checkIncidentSnapshot(fixture(name))
    expect(incident.sources[0].regions.map((r) => r.format)).toContain('node')
  })
})

describe('uncaught exceptions', () => {
  it('reads the error, its [cause] and the trailer', async () => {
    const incident = await checkIncidentSnapshot(fixture('uncaught-exception-cause.txt'))
    expect(incident.records.length).toBe(2)
    const crash = incident.crashes[0]
    expect(crash).toMatchObject({
      format: 'node',
      kind: 'uncaught exception',
      message: 'QueueError: cannot decode job',
      record: 0,
    })
    expect(crash.details).toEqual([
      'thrown at: /srv/incident-lab/native/runs0/.build/crash.js:14',
      'caused by: SyntaxError: Expected double-quoted property name in JSON at position 9',
      'Node.js v20.20.2',
    ])
    expect(incident.records.flags[0] & RecordFlag.crashed).toBeTruthy()
    expect(leafFrames(incident, 0)).toEqual([
      'dequeue',
      'Timeout.onTick',
      'listOnTimeout',
      'process.processTimers',
    ])
    expect(leafFrames(incident, 1)[0]).toBe('JSON.parse')
    const frames = getStackFrames(incident, incident.records.stack[0])
    expect(getFrameKindName(incident, frames[0])).toBe('app')
    expect(getFrameModule(incident, frames[0])).toBe('crash')
    expect(getFrameKindName(incident, frames[3])).toBe('runtime')
    expect(getFrameModule(incident, frames[3])).toBe('node:internal/timers')
  })

  it('reads an error printed without a throw site (satyr node-02)', async () => {
    const incident = await parseText(readFileSync(fixture('satyr-node-02.txt')))
    expect(incident.crashes[0].message).toBe(
      "TypeError: Cannot read property 'message' of undefined",
    )
    expect(leafFrames(incident, 0)).toHaveLength(5)
    expect(leafFrames(incident, 0)[4]).toBe('PipeConnectWrap.afterConnect')
  })

  it.each([
    ['/srv/app/node_modules/express/lib/router/index.js', 'library', 'express'],
    ['/srv/app/node_modules/@nestjs/core/injector.js', 'library', '@nestjs/core'],
    ['node:internal/modules/cjs/loader', 'runtime', 'node:internal/modules/cjs/loader'],
    ['module.js', 'runtime', 'node:module'],
    ['/srv/app/src/server.ts', 'app', 'server'],
  ])('%s is %s (%s)', (file, kind, module) => {
    const got = jsFrameKind(file)
    const names = {
      [FrameKind.app]: 'app',
      [FrameKind.runtime]: 'runtime',
      [FrameKind.library]: 'library',
    }
    expect({ kind: names[got.kind as 0 | 1 | 7], module: got.module }).toEqual({ kind, module })
  })
})

describe('heap out of memory', () => {
  it.each([
    ['issue-gemini-4359-oom-gc-lines-wrapped.txt', 5, 2],
    ['issue-mdn-local-1144-oom-native-stack-linux.txt', 8, 0],
    ['issue-nextjs-32314-oom-prefixed-by-turbo.txt', 4, 1],
    ['issue-unibest-235-oom-windows-native-stack.txt', 11, 1],
  ])('%s: %i native frames, %i GC lines', async (name, frames, gcLines) => {
    const incident = await parseText(readFileSync(fixture(name)))
    assertIncidentIntegrity(incident)
    expect(incident.crashes).toHaveLength(1)
    const crash = incident.crashes[0]
    expect(crash.kind).toBe('out of memory')
    expect(crash.message).toBe(
      'Reached heap limit Allocation failed - JavaScript heap out of memory',
    )
    expect(leafFrames(incident, crash.record)).toHaveLength(frames)
    if (gcLines) expect(crash.details).toContain(`GC lines: ${gcLines}`)
    else expect(crash.details).toEqual([])
  })

  it('keeps the module and drops parameters of native frames', async () => {
    const incident = await parseText(
      readFileSync(fixture('issue-nextjs-32314-oom-prefixed-by-turbo.txt')),
    )
    const frames = getStackFrames(incident, incident.records.stack[0])
    expect(getFrameFunc(incident, frames[0])).toBe('node::Abort')
    expect(getFrameModule(incident, frames[0])).toBe('node')
    expect(incident.crashes[0].details[0]).toBe(
      'last GC: Mark-sweep 2049.5 (2074.9) -> 2047.2 (2067.7) MB at 22206400 ms, pid 16404',
    )
  })

  it('names a frame without a symbol after its module', () => {
    const b = new IncidentBuilder()
    b.beginSource('x', 0, '')
    const reader = nodeFormat.open(b, { prefix: '' })
    for (const [i, text] of ['FATAL ERROR: Reached heap limit', ' 4: 0x1113aa5  [node]'].entries())
      expect(reader.push({ text, lineNo: i, prefix: '' })).toBe(true)
    reader.close()
    const incident = b.build()
    expect(leafFrames(incident, 0)).toEqual(['unknown in node'])
  })
})

describe('diagnostic report', () => {
  it('reads the header, the native stack and the trigger', async () => {
    const incident = await checkIncidentSnapshot(fixture('diagnostic-report-oom.json'))
    expect(incident.crashes).toHaveLength(1)
    const crash = incident.crashes[0]
    expect(crash).toMatchObject({
      format: 'node',
      kind: 'out of memory',
      message: 'Allocation failed - JavaScript heap out of memory',
      time: Date.UTC(2026, 10, 22, 19, 37, 46),
    })
    expect(crash.details).toContain('Node.js v20.20.2')
    // Every `"pc"` of `nativeStack` is a frame; the JavaScript stack says "No stack.".
    expect(incident.records.length).toBe(1)
    const frames = leafFrames(incident, crash.record)
    expect(frames).toHaveLength(13)
    expect(frames[0]).toBe('unknown in node')
    expect(frames[1]).toBe('node::TriggerNodeReport')
  })

  it('warns when the report is cut', async () => {
    const text = readFileSync(fixture('diagnostic-report-oom.json'), 'utf8').slice(0, 9000)
    const incident = await parseText(text)
    assertIncidentIntegrity(incident)
    expect(incident.sources[0].warnings).toContain(
      'The Node.js diagnostic report is cut before its closing brace.',
    )
  })
})

const UNCAUGHT = [
  '/srv/app.js:3',
  '    throw new Error("boom");',
  '    ^',
  '',
  'Error: boom',
  '    at main (/srv/app.js:3:11)',
  '    at Object.<anonymous> (/srv/app.js:5:1)',
  '',
  'Node.js v20.20.2',
]

describe('edge cases', () => {
  it.each([
    { name: 'empty', text: '', records: 0, message: '' },
    { name: 'only junk', text: 'hello\nTypeError: nope\nbye\n', records: 0, message: '' },
    { name: 'CRLF', text: UNCAUGHT.join('\r\n') + '\r\n', records: 1, message: 'Error: boom' },
    {
      name: 'truncated last line',
      text: UNCAUGHT.slice(0, 6).join('\n') + '\n    at Obj',
      records: 1,
      message: 'Error: boom',
    },
    {
      // Uncaught exceptions anchor at column 0 only: a bare `Error: x` mid-line is too loose.
      name: 'a prefix on every line (not read)',
      text: UNCAUGHT.map((l) => `@apps/web:dev: ${l}`).join('\n'),
      records: 0,
      message: '',
    },
    {
      name: 'a prefixed OOM',
      text: [
        '<--- JS stacktrace --->',
        '',
        'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
        ' 1: 0xb09c10 node::Abort() [node]',
      ]
        .map((l) => `@apps/web:dev: ${l}`)
        .join('\n'),
      records: 1,
      message: 'Reached heap limit Allocation failed - JavaScript heap out of memory',
    },
    {
      name: 'a GC line wrapped before ") allocation failure"',
      text: [
        '<--- Last few GCs --->',
        '[1:0x5570]   114083 ms: Mark-Compact 4099.5 (4107.9) -> 4091.4 (4101.0) MB, 16.98 / 0.00 ms  (average mu = 0.608',
        ') allocation failure; scavenge might not succeed',
        'FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory',
      ].join('\n'),
      records: 1,
      message:
        'Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory',
    },
  ])('$name', async ({ text, records, message }) => {
    const incident = await parseText(text)
    assertIncidentIntegrity(incident)
    expect(incident.records.length).toBe(records)
    expect(incident.crashes[0]?.message ?? '').toBe(message)
  })

  it('reads an unhandled rejection of a non-Error (Node 15+)', async () => {
    const text = [
      'node:internal/process/promises:288',
      '            triggerUncaughtException(err, true /* fromPromise */);',
      '            ^',
      '',
      '[UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "oops".] {',
      "  code: 'ERR_UNHANDLED_REJECTION'",
      '}',
      '',
      'Node.js v18.12.0',
    ].join('\n')
    const incident = await parseText(text)
    assertIncidentIntegrity(incident)
    const crash = incident.crashes[0]
    expect(crash.message).toMatch(/^UnhandledPromiseRejection: This error originated/)
    expect(crash.details).toEqual([
      'thrown at: node:internal/process/promises:288',
      "code: 'ERR_UNHANDLED_REJECTION'",
      'Node.js v18.12.0',
    ])
  })

  it('warns when a GC trace has no FATAL ERROR line', async () => {
    const incident = await parseText(
      '<--- Last few GCs --->\n\n[1:0x1]   5 ms: Scavenge 2.0 (3.0) -> 1.0 (3.0) MB, 0.5 / 0.0 ms',
    )
    expect(incident.sources[0].warnings).toContain(
      'The Node.js GC trace is cut before its FATAL ERROR line.',
    )
  })

  it('sniffs only Node anchors', () => {
    expect(nodeFormat.sniff('<--- Last few GCs --->')).toBe(0)
    expect(nodeFormat.sniff('@apps/web:dev: <--- JS stacktrace --->')).toBe(15)
    expect(nodeFormat.sniff('/srv/app/index.js:12')).toBe(0)
    expect(nodeFormat.sniff('TypeError: x is not a function')).toBe(0)
    expect(nodeFormat.sniff('/var/log/syslog:12')).toBe(-1)
    expect(nodeFormat.sniff('java.lang.IllegalStateException: x')).toBe(-1)
    expect(nodeFormat.sniff('Errors: 3')).toBe(-1)
  })
})

describeParserProperties(fixtures.map((f) => readFileSync(fixture(f), 'utf8')))
