import { spawn } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const syslogDecJan = fileURLToPath(
  new URL('../parse/log/__fixtures__/lnav-syslog.1.txt', import.meta.url),
)
const churnDump = fileURLToPath(
  new URL('../parse/go/__fixtures__/local-go119-gen-dump-n2000-churn.txt', import.meta.url),
)

/** Runs `npm run parse -- …` as a script would, with stdout on a pipe, and collects all of it. */
function runParseCli(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'parse', '--', ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const chunks: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks).toString('utf8') }))
  })
}

describe('npm run parse -- FILE --json', () => {
  // Guards against JSON cut at 65,536 bytes (one pipe buffer) when the process exited before
  // stdout drained, e.g. under `| jq`.
  it('writes the whole document to a pipe', async () => {
    const { code, stdout } = await runParseCli([churnDump, '--json', '--group', 'exact'])
    expect(code).toBe(0)
    expect(stdout.length).toBeGreaterThan(4 * 65_536)
    const json = JSON.parse(stdout) as { records: number; groups: { count: number }[] }
    const goroutineHeaders = readFileSync(churnDump, 'utf8').match(/^goroutine \d+ \[/gm) ?? []
    expect(json.records).toBe(goroutineHeaders.length)
    expect(json.groups.reduce((sum, g) => sum + g.count, 0)).toBe(goroutineHeaders.length)
  }, 120_000)

  // `npm run parse -- dump --json | head -c 100` closes the pipe after the first chunk.
  it('stops quietly, exit code 0, when the reader closes the pipe early', async () => {
    const child = spawn('npm', ['run', '--silent', 'parse', '--', churnDump, '--json'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const stderr: Buffer[] = []
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.stdout.once('data', () => child.stdout.destroy())
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject)
      child.on('close', resolve)
    })
    expect(Buffer.concat(stderr).toString('utf8')).toBe('')
    expect(code).toBe(0)
  }, 120_000)

  it('applies --transform before grouping, and refuses one it cannot read', async () => {
    const wait = 'sync.(*WaitGroup).Wait'
    const { code, stdout } = await runParseCli([churnDump, '--json', '--transform', `drop:${wait}`])
    expect(code).toBe(0)
    const json = JSON.parse(stdout) as {
      records: number
      totals: { count: number }
      transforms: string
    }
    // Goroutine blocks that call it, counted in the text.
    const blocks = readFileSync(churnDump, 'utf8')
      .split(/\n\s*\n/)
      .filter((b) => /^goroutine \d+ \[/m.test(b))
    const through = blocks.filter((b) => b.split('\n').some((l) => l.startsWith(`${wait}(`))).length
    expect(through).toBeGreaterThan(0)
    expect(json.records).toBe(blocks.length - through)
    expect(json.totals.count).toBe(blocks.length - through)
    expect(json.transforms).toBe(`drop:${wait}`)
    expect((await runParseCli([churnDump, '--transform', 'squash:x'])).code).toBe(64)
  }, 120_000)
})

describe('npm run parse -- SYSLOG --json', () => {
  // Guards against classic syslog dates (no year) silently taking the current year.
  it("dates year-less lines by the file's mtime and says so in sources[].warnings", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'debrief-year-'))
    try {
      const file = join(dir, 'messages')
      copyFileSync(syslogDecJan, file)
      // Its lines run from `Dec  3 09:23:38` to `Jan  3 09:47:02`; last written on 4 Jan 2022.
      const mtime = new Date(Date.UTC(2022, 0, 4, 12, 0, 0))
      utimesSync(file, mtime, mtime)
      const { code, stdout } = await runParseCli([file, '--json'])
      expect(code).toBe(0)
      const json = JSON.parse(stdout) as {
        timeRange: [string, string] | null
        sources: { warnings: string[] }[]
      }
      expect(json.timeRange).toEqual(['2021-12-03T09:23:38.000Z', '2022-01-03T09:47:02.000Z'])
      expect(json.sources[0].warnings).toContain(
        "Dates without a year: year assumed: 2021, and 2022 after the turn of the year (from the file's modification date, 2022-01-04). Set the year in Sources on the Timeline if it is wrong.",
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})

describe('npm run parse -- EARLY LATE (two dumps)', () => {
  const earlyDump = fileURLToPath(
    new URL('../parse/go/__fixtures__/local-go119-gen-dump-n300-wait61s.txt', import.meta.url),
  )
  const panicOf = (path: string) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('panic: '))!

  it('names the crash of the dump it counts, the last or the one --snapshot picks', async () => {
    const goroutinesOf = (path: string) =>
      (readFileSync(path, 'utf8').match(/^goroutine \d+ \[/gm) ?? []).length
    const last = await runParseCli([earlyDump, churnDump])
    expect(last.code).toBe(0)
    expect(last.stdout).toContain(`crash: ${panicOf(churnDump)}\n`)
    expect(last.stdout).toContain(`\n${goroutinesOf(churnDump)} in `)
    const first = await runParseCli([earlyDump, churnDump, '--snapshot', '0'])
    expect(first.stdout).toContain(`crash: ${panicOf(earlyDump)}\n`)
    expect(first.stdout).toContain(`\n${goroutinesOf(earlyDump)} in `)
    // --json's `crash` stays the input's first, as scripts read it.
    const json = JSON.parse((await runParseCli([earlyDump, churnDump, '--json'])).stdout) as {
      crash: { message: string }
    }
    expect(`panic: ${json.crash.message}`).toBe(panicOf(earlyDump))
  }, 120_000)
})

describe('npm run parse -- LEAK-REPORT', () => {
  const leakyService = fileURLToPath(
    new URL('../parse/sanitizer/__fixtures__/lsan-via-asan-leaky_service.txt', import.meta.url),
  )

  it('sums the bytes and objects LeakSanitizer printed, and lists its leaks largest bytes first', async () => {
    const leaks = [
      ...readFileSync(leakyService, 'utf8').matchAll(/leak of (\d+) byte\(s\) in (\d+) object/g),
    ].map((m) => ({ bytes: Number(m[1]), objects: Number(m[2]) }))
    const bytes = leaks.reduce((n, l) => n + l.bytes, 0)
    const objects = leaks.reduce((n, l) => n + l.objects, 0)
    const { code, stdout } = await runParseCli([leakyService])
    expect(code).toBe(0)
    expect(stdout).toContain(
      `\n${bytes.toLocaleString('en-US')} B in ${objects.toLocaleString('en-US')} allocations,`,
    )
    const listed = [...stdout.matchAll(/^ +([\d,]+) B +([\d,]+) {2}\[/gm)].map((m) =>
      Number(m[1].replace(/,/g, '')),
    )
    expect(listed[0]).toBe(Math.max(...leaks.map((l) => l.bytes)))
    expect(listed).toEqual([...listed].sort((a, b) => b - a))
    expect(listed.reduce((n, b) => n + b, 0)).toBe(bytes)
  }, 120_000)
})
