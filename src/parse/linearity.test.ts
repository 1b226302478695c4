import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { computeGroups } from '../model/group'
import { inputFromBytes } from '../test/incident-snapshot'
import { worstCaseDump } from '../test/worst-case-stacks'
import { parseInputs } from './index'
import { MAX_LINE_LENGTH } from './scanner'

/**
 * The parsers' work grows linearly with the input: four times the bytes cost about four
 * times the time, never the sixteen a quadratic step would. Each shape is measured at two
 * sizes in this process's CPU time (other processes on the machine do not count), best of
 * several runs, and the ratio may reach 10 before the test fails: a busy machine's noise
 * reached 8, a quadratic step reads 14-20. Throughput itself is the benchmark's business (`npm run bench`), not a test's.
 */

const SMALL = 512 * 1024
const RUNS = 3
const MAX_RATIO = 10

/** Each format's real samples, joined: the shape of the inputs the format sees. */
function formatSamples(): [string, string][] {
  return readdirSync('src/parse')
    .filter((dir) => statSync(join('src/parse', dir)).isDirectory())
    .flatMap((dir): [string, string][] => {
      const fixtures = join('src/parse', dir, '__fixtures__')
      try {
        const text = readdirSync(fixtures)
          .filter((f) => !f.endsWith('.tsv') && statSync(join(fixtures, f)).size < 256 * 1024)
          .map((f) => readFileSync(join(fixtures, f), 'latin1'))
          .join('\n')
        return text ? [[`${dir} samples`, text]] : []
      } catch {
        return []
      }
    })
}

/** Inputs that stress one path at a time, written for any size. */
const stressShapes: [string, (bytes: number) => string][] = [
  [
    'one goroutine with a very deep stack',
    // Measured from 1 MB: at 512 KB the whole stack stays in V8's young generation and parses
    // in about 17 ms of CPU; from 1 MB on its frames are promoted and the cost is linear (1, 2,
    // 4, 8 MB: 62, 139, 304, 583 ms), so a ratio from 512 KB measured the promotion.
    (bytes) =>
      'goroutine 1 [running]:\n' +
      repeatTo('main.recurse(0x1?)\n\t/src/main.go:12 +0x1d\n', 2 * bytes) +
      'created by main.main\n\t/src/main.go:5 +0x25\n',
  ],
  [
    'goroutines that all differ (interning, grouping)',
    (bytes) => {
      const out: string[] = []
      let size = 0
      for (let i = 0; size < bytes; i++) {
        const g = `goroutine ${i} [chan receive, ${i % 90} minutes]:\npkg${i % 997}.worker${i}(0xc000${i.toString(16)})\n\t/src/pkg${i % 997}/w.go:${i % 500} +0x${i.toString(16)}\ncreated by main.start in goroutine 1\n\t/src/main.go:9 +0x25\n\n`
        out.push(g)
        size += g.length
      }
      return out.join('')
    },
  ],
  [
    'one log line followed by indented continuation lines',
    (bytes) =>
      '2024-11-22T18:35:01.123Z ERROR request failed\n' +
      repeatTo('\tat com.example.Handler.handle(Handler.java:42)\n', bytes),
  ],
  [
    // A chain of causes that each elide the whole trace above them: 1.6 MB took 20 s.
    'a Java exception whose causes each elide the trace above them',
    (bytes) => {
      const out = [
        'Exception in thread "main" java.lang.RuntimeException: top\n\tat a.B.m(B.java:1)\n',
      ]
      let size = out[0].length
      for (let k = 1; size < bytes; k++) {
        const cause = `Caused by: java.lang.IllegalStateException: level ${k}\n\tat a.B.m${k}(B.java:${k})\n\t... ${k} more\n`
        out.push(cause)
        size += cause.length
      }
      return out.join('')
    },
  ],
  [
    'log lines full of metrics',
    (bytes) =>
      repeatTo(
        '2024-11-22T18:35:01.123Z INFO stats a=1 b=2ms c=3MB d: 4 e=5 f=6 g=7 h=8 i=9 j=10 k=11\n',
        bytes,
      ),
  ],
  [
    'lines just under the length limit, of one repeated word',
    (bytes) => repeatTo('goroutine '.repeat((MAX_LINE_LENGTH - 10) / 10) + '\n', bytes),
  ],
  [
    'lines just under the length limit, of key=value pairs',
    (bytes) =>
      repeatTo('2024-11-22 18:35:01 ' + 'k=1 '.repeat((MAX_LINE_LENGTH - 40) / 4) + '\n', bytes),
  ],
  [
    'formats switching every line',
    (bytes) =>
      repeatTo(
        '[4838261.071917] a.out[610]: segfault at 0 ip 00007f sp 00007f error 4 in libc.so.6[7f+1000]\n' +
          'goroutine 7 [running]:\n' +
          '#0  0x00007f in raise () from /lib/libc.so.6\n' +
          '==1234== Invalid read of size 4\n' +
          'Nov 22 18:35:01 host app[12]: started\n',
        bytes,
      ),
  ],
]

/**
 * The worst shapes for interning and grouping: every stack distinct. Measured with the default
 * grouping too, which makes one group per stack here.
 */
const distinctShapes: [string, (bytes: number) => string][] = [
  ['every goroutine its own stack, function and arguments', (b) => worstCaseDump('distinct', b)],
  [
    'near-identical stacks: six shared frames, one line and the arguments differ',
    (b) => worstCaseDump('near-identical', b),
  ],
]

function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.max(1, Math.ceil(bytes / unit.length)))
}

/** A sample cut or repeated to about `bytes`, at a line break. */
function sized(sample: string, bytes: number): string {
  const text = repeatTo(sample + '\n', bytes)
  const cut = text.indexOf('\n', bytes)
  return cut < 0 ? text : text.slice(0, cut + 1)
}

/** The least CPU time, in milliseconds, that parsing `text` (and grouping it) took over `RUNS` runs. */
async function bestTime(text: string, group: boolean): Promise<number> {
  const bytes = new TextEncoder().encode(text)
  let best = Infinity
  for (let run = 0; run < RUNS; run++) {
    const start = process.cpuUsage()
    const incident = await parseInputs([inputFromBytes('input.txt', bytes)])
    if (group) computeGroups(incident)
    const used = process.cpuUsage(start)
    best = Math.min(best, (used.user + used.system) / 1000)
  }
  return best
}

async function growth(make: (bytes: number) => string, group = false): Promise<number> {
  const small = make(SMALL)
  const large = make(4 * SMALL)
  await bestTime(small, group) // warm up the JIT on this shape
  const t1 = await bestTime(small, group)
  const t4 = await bestTime(large, group)
  // Under a millisecond the timer's grain dominates; such inputs are fast either way.
  return t4 / Math.max(t1, 1)
}

describe('work grows linearly with the input', () => {
  it.each(formatSamples())('%s', async (_name, sample) => {
    expect(await growth((bytes) => sized(sample, bytes))).toBeLessThan(MAX_RATIO)
  })

  it.each(stressShapes)('%s', async (_name, make) => {
    expect(await growth(make)).toBeLessThan(MAX_RATIO)
  })

  // Two megabytes of distinct stacks, parsed and grouped six times: slow on a busy machine.
  it.each(distinctShapes)(
    '%s, grouped',
    async (_name, make) => {
      expect(await growth(make, true)).toBeLessThan(MAX_RATIO)
    },
    120_000,
  )
})
