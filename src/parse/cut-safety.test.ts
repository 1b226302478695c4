import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { mergeIncidentParts } from '../model/merge'
import { inputFromBytes } from '../test/incident-snapshot'
import { canonicalModel } from '../test/model-canonical'
import { parseInParts } from '../test/parse-in-parts'
import { whyCutsDiffer } from './cut-safety'
import { parseInputs } from './index'

const fixture = (path: string) => readFileSync(`src/parse/${path}`, 'utf8')
const bytes = (text: string) => new TextEncoder().encode(text)

/** The parts of `text` cut just before each of `marks` (texts that occur once), parsed apart. */
async function partsCutBefore(text: string, marks: string[]) {
  const cuts = [0, ...marks.map((m) => bytes(text.slice(0, text.indexOf(m))).length)]
  const all = bytes(text)
  return Promise.all(
    cuts.map(async (start, k) => ({
      startByte: start,
      incident: await parseInputs([
        inputFromBytes('cut.txt', all.subarray(start, cuts[k + 1] ?? all.length)),
      ]),
    })),
  )
}

const whole = (text: string) => parseInputs([inputFromBytes('cut.txt', bytes(text))])
const same = (a: Parameters<typeof canonicalModel>[0], b: Parameters<typeof canonicalModel>[0]) =>
  expect(canonicalModel(a, undefined, { firstSeen: false })).toEqual(
    canonicalModel(b, undefined, { firstSeen: false }),
  )

// A Go crash as the runtime prints it (the real sample's header and goroutine 1), then 3,000
// waiting goroutines and the runner's exit line: large enough to be cut between goroutines.
const crash = fixture('go/__fixtures__/local-go119-nil.txt').trimEnd()
const waiters = Array.from(
  { length: 3000 },
  (_, i) =>
    `goroutine ${i + 20} [chan receive, ${i % 7} minutes]:\nmain.worker(0x${i.toString(16)})\n\t/app/worker.go:${40 + (i % 3)} +0x1d\ncreated by main.main\n\t/app/main.go:12 +0x3f\n`,
).join('\n')
const goDump = `${crash}\n\n${waiters}\nexit status 2\n`

describe('whyCutsDiffer', () => {
  it.each([2, 3, 4])(
    'lets a Go dump cut between goroutines in %d parts read as the whole',
    async (n) => {
      const { parts } = await parseInParts('dump.txt', bytes(goDump), n)
      expect(parts).toHaveLength(n)
      expect(whyCutsDiffer(parts.map((p) => p.incident))).toBeNull()
      const merged = mergeIncidentParts(parts)
      const all = await whole(goDump)
      same(merged, all)
      // goroutines = `grep -c '^goroutine [0-9]* \['`
      expect(merged.records.length).toBe(goDump.match(/^goroutine \d+ \[/gm)!.length)
      // The runner's exit line is in the last part; it still ends the crash of the first.
      expect(all.crashes[0].details).toContain('exit status 2')
      expect(merged.crashes[0].details).toEqual(all.crashes[0].details)
    },
  )

  it('refuses a cut between a panic and the goroutine that panicked', async () => {
    const parts = await partsCutBefore(goDump, ['goroutine 1 [running]'])
    expect(whyCutsDiffer(parts.map((p) => p.incident))).toBe(
      'a cut between a crash and its goroutine',
    )
    // Parsed apart, the crash lost its goroutine: the reason the file is read whole.
    expect(mergeIncidentParts(parts).crashes[0].record).not.toBe(
      (await whole(goDump)).crashes[0].record,
    )
  })

  it('refuses a cut inside a goroutine', async () => {
    // Frames without their header are no goroutine of their own.
    const parts = await partsCutBefore(goDump, ['main.worker(0x64)'])
    expect(whyCutsDiffer(parts.map((p) => p.incident))).toBe('a cut inside a record')
    // Every line of this dump starts with a date, so the cut falls before any of them, here
    // inside the goroutine that panicked: the part after it opens with a log line.
    const kibana = fixture(
      'go/__fixtures__/issue-kanali-12-kibana-date-prefixed-map-read-write.txt',
    )
    const cut = await parseInParts('kibana.txt', bytes(kibana), 2)
    expect(cut.parts[1].incident.sources[0].regions[0].format).toBe('log')
    expect(whyCutsDiffer(cut.parts.map((p) => p.incident))).toBe('a cut inside a goroutine')
  })

  it('refuses a cut inside the output of a format whose records it would break', async () => {
    const gdb = fixture('gdb/__fixtures__/core-thread-apply-all-bt-full.txt')
    const { parts } = await parseInParts('gdb.txt', bytes(gdb), 2)
    expect(whyCutsDiffer(parts.map((p) => p.incident))).toBe('a cut inside gdb output')
  })

  it('refuses a cut where syslog dates roll from December into January', async () => {
    const log = fixture('log/__fixtures__/lnav-syslog.1.txt')
    const parts = await partsCutBefore(log, ['Jan  3 09:47:02'])
    expect(whyCutsDiffer(parts.map((p) => p.incident))).toBe(
      'a cut between dates of different assumed years',
    )
    // Apart, January reads as the year of the December before it.
    const all = await whole(log)
    const merged = mergeIncidentParts(parts)
    expect(merged.events.time.at(-1)).not.toBe(all.events.time.at(-1))
  })

  it("refuses a cut in a metric's history that moves its reset", async () => {
    // seed 003: goroutines 9 -> 250 -> 400 -> 9 is a restart only after the growth before it.
    const log = fixture('log/__fixtures__/seed003-metrics-restart.txt')
    const parts = await partsCutBefore(log, ['2014-06-24 20:35:53'])
    expect(whyCutsDiffer(parts.map((p) => p.incident))).toMatch(
      /^a cut inside the history of the metric /,
    )
  })

  it('lets a log cut where no history moves read as the whole', async () => {
    const log = fixture('log/__fixtures__/seed003-metrics-restart.txt')
    const lines = log.trimEnd().split('\n')
    const parts = await partsCutBefore(log, [lines[Math.floor(lines.length / 2)]])
    const reason = whyCutsDiffer(parts.map((p) => p.incident))
    if (reason === null) same(mergeIncidentParts(parts), await whole(log))
    else expect(reason).toMatch(/^a cut inside the history of the metric /)
  })

  it('refuses a cut before a "starting" line when a fatal error came before the cut', async () => {
    const log = [
      '2024-05-01 10:00:00 INFO server listening',
      '2024-05-01 10:00:05 FATAL out of memory',
      '2024-05-01 10:00:09 INFO server starting',
      '2024-05-01 10:00:10 INFO ready',
      '',
    ].join('\n')
    const all = await whole(log)
    const labels = Array.from(all.events.label, (l) => all.strings[l])
    expect(labels).toContain('restart after a fatal error')
    const parts = await partsCutBefore(log, ['2024-05-01 10:00:09'])
    expect(whyCutsDiffer(parts.map((p) => p.incident))).toBe(
      'a cut before a restart line whose fatal error may come before it',
    )
  })
})
