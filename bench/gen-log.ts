/**
 * Writes a service log: ISO timestamps with milliseconds, a level word, a component, and a
 * message with a few `key=value` metrics (request durations, sizes, queue depths), plus a
 * periodic runtime metrics line and the odd warning and error, as a Go HTTP service prints.
 * Timestamps advance by a few milliseconds a line, so five million lines cover about a day.
 *
 *   npx tsx bench/gen-log.ts OUT [LINES]      (default 5,000,000)
 *
 * Deterministic: the same count always writes the same bytes.
 */
import { createWriteStream } from 'node:fs'
import { seededRandom } from '../src/lib/prng'

const random = seededRandom(0x10c5eed)
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]

const paths = ['/v1/items', '/v1/cart', '/v1/login', '/v1/health', '/v1/orders', '/v1/search']
const methods = ['GET', 'GET', 'GET', 'POST', 'PUT']
const upstreams = ['10.0.3.17:5432', '10.0.3.21:6379', '10.0.4.8:9092']

/** One line of the log at time `ms` (Unix milliseconds); `n` is the line number. */
function line(ms: number, n: number): string {
  const ts = new Date(ms).toISOString()
  // Runtime metrics every 2,000 lines; heap grows slowly, as in a leak.
  if (n % 2000 === 0) {
    const heap = 180 + Math.floor(n / 20_000) + Math.floor(random() * 20)
    const goroutines = 250 + Math.floor(n / 5_000)
    return `${ts} INFO  runtime   stats goroutines=${goroutines} heap_alloc=${heap}MB gc_pause=${(random() * 4).toFixed(2)}ms open_fds=${40 + Math.floor(random() * 10)}`
  }
  const r = random()
  if (r < 0.002) {
    return `${ts} ERROR db        query failed upstream=${pick(upstreams)} err="dial tcp: i/o timeout" attempt=${1 + Math.floor(random() * 3)}`
  }
  if (r < 0.012) {
    return `${ts} WARN  http      slow request method=${pick(methods)} path=${pick(paths)} duration=${1000 + Math.floor(random() * 4000)}ms`
  }
  if (r < 0.05) {
    return `${ts} DEBUG cache     lookup key=user:${Math.floor(random() * 1e6)} hit=${random() < 0.8} size=${Math.floor(random() * 8192)}B`
  }
  if (r < 0.08) {
    return `${ts} INFO  queue     consumed topic=orders partition=${Math.floor(random() * 12)} lag=${Math.floor(random() * 400)} batch=${1 + Math.floor(random() * 64)}`
  }
  const status = random() < 0.97 ? 200 : pick([400, 404, 500, 503])
  return `${ts} INFO  http      request method=${pick(methods)} path=${pick(paths)} status=${status} duration=${Math.floor(5 + random() * random() * 300)}ms bytes=${Math.floor(200 + random() * 20_000)}`
}

async function main(): Promise<void> {
  const [out, countArg] = process.argv.slice(2)
  if (!out) {
    console.error('usage: npx tsx bench/gen-log.ts OUT [LINES]')
    process.exit(64)
  }
  const count = Number(countArg ?? 5_000_000)
  const file = createWriteStream(out)
  const write = (s: string) =>
    file.write(s) ? Promise.resolve() : new Promise<void>((r) => file.once('drain', () => r()))
  let ms = Date.UTC(2026, 2, 14, 0, 0, 0)
  let buffer = ''
  for (let n = 0; n < count; n++) {
    ms += Math.floor(random() * 34)
    buffer += line(ms, n) + '\n'
    if (buffer.length > 1 << 20) {
      await write(buffer)
      buffer = ''
    }
  }
  await write(buffer)
  await new Promise<void>((r) => file.end(() => r()))
}

void main()
