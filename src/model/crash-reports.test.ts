import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { foldCrashReports } from './crash-reports'
import type { CrashFact } from './types'
import { parseText } from '../test/incident-snapshot'

const fact = (f: Partial<CrashFact>): CrashFact => ({
  format: 'gdb',
  kind: 'signal',
  message: 'Aborted',
  record: -1,
  source: 0,
  line: 0,
  details: [],
  ...f,
})

describe('foldCrashReports', () => {
  it('folds glibc and gdb reports of one abort, the specific one leading', async () => {
    const incident = await parseText(
      readFileSync('src/parse/gdb/__fixtures__/run-glibc-stack-smash-bt.txt', 'utf8'),
    )
    expect(incident.crashes.map((c) => c.format)).toEqual(['glibc', 'gdb'])
    const reports = foldCrashReports(incident.crashes)
    expect(reports).toHaveLength(1)
    expect(reports[0].lead.message).toBe('stack smashing detected')
    expect(reports[0].echoes.map((c) => c.format)).toEqual(['gdb'])
  })

  it('puts the specific report first whichever comes first', () => {
    const [report] = foldCrashReports([
      fact({ line: 3, signal: 'SIGSEGV' }),
      fact({
        format: 'kernel',
        kind: 'segfault',
        message: 'segfault at 0',
        line: 5,
        signal: 'SIGSEGV',
      }),
    ])
    expect(report.lead.format).toBe('kernel')
    expect(report.echoes.map((c) => c.format)).toEqual(['gdb'])
  })

  it("folds systemd's word on a killed service into the kernel's OOM kill it follows", async () => {
    const text = readFileSync('src/parse/kernel/__fixtures__/oom-kills-syslog.txt', 'utf8')
    const incident = await parseText(text)
    const kills = text.match(/Killed process \d+ /g)!.length
    const reports = foldCrashReports(incident.crashes)
    // One report per kill: systemd's `code=killed, status=9/KILL` two lines on is a witness.
    expect(reports).toHaveLength(kills)
    expect(reports.every((r) => r.lead.format === 'kernel')).toBe(true)
    expect(reports.flatMap((r) => r.echoes.map((e) => e.format))).toEqual(['systemd'])
    // A restart loop of systemd alone stays one report per exit.
    const loop = await parseText(
      readFileSync('src/parse/systemd/__fixtures__/service-restart-loop-journal.txt', 'utf8'),
    )
    expect(foldCrashReports(loop.crashes)).toHaveLength(loop.crashes.length)
  })

  it('keeps apart crashes of one format, far apart, in other sources, or of other signals', () => {
    const kernel = (line: number) =>
      fact({ format: 'kernel', kind: 'segfault', message: 'segfault', line, signal: 'SIGSEGV' })
    expect(foldCrashReports([kernel(1), kernel(2), kernel(3)])).toHaveLength(3)
    expect(foldCrashReports([kernel(1), fact({ line: 200, signal: 'SIGSEGV' })])).toHaveLength(2)
    expect(foldCrashReports([kernel(1), fact({ source: 1, line: 2 })])).toHaveLength(2)
    expect(foldCrashReports([kernel(1), fact({ line: 2, signal: 'SIGABRT' })])).toHaveLength(2)
    expect(
      foldCrashReports([
        fact({ format: 'go', kind: 'panic', line: 1 }),
        fact({ format: 'glibc', kind: 'abort', line: 2 }),
      ]),
    ).toHaveLength(2)
  })
})
