/**
 * Timestamp detection alone: a `TimestampReader` over every line of a log, as the worker uses it
 * (one reader per source, so the pattern locks after the first line). Lines are split before
 * timing; the figure is bytes of those lines per second of detection.
 *
 *   npm run bench:timestamps                       # a generated 500,000-line service log
 *   npm run bench:timestamps -- FILE [--runs 5]
 *
 * The timeline issue asks for timestamps parsed at over 100 MB/s in the worker. Machine load
 * moves the figure by 10-20%; compare runs of one session.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { TimestampReader } from '../src/parse/log/timestamps'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '5' } },
})

function defaultInput(): string {
  const out = join(tmpdir(), 'debrief-bench-svc-500k.log')
  if (!existsSync(out)) {
    const gen = resolve(import.meta.dirname, 'gen-log.ts')
    execFileSync(process.execPath, ['--import', 'tsx', gen, out, '500000'], { stdio: 'inherit' })
  }
  return out
}

const path = positionals[0] ?? defaultInput()
const text = readFileSync(path, 'utf8')
const lines = text.split('\n')
const mb = Buffer.byteLength(text) / (1 << 20)
console.log(`input: ${path} (${mb.toFixed(1)} MB, ${lines.length} lines)`)

for (const scope of ['anywhere', 'start'] as const) {
  const ms: number[] = []
  let found = 0
  for (let run = 0; run < Number(values.runs); run++) {
    const reader = new TimestampReader({ referenceYear: 2026 })
    found = 0
    const t0 = performance.now()
    for (const line of lines) if (reader.read(line, scope) !== null) found++
    ms.push(performance.now() - t0)
  }
  const median = [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)]
  console.log(
    `${scope.padEnd(8)}  ${(mb / (median / 1000)).toFixed(0).padStart(5)} MB/s  median ${median.toFixed(0)} ms  ${found} timestamps  runs [${ms.map((m) => m.toFixed(0)).join(', ')}]`,
  )
}
