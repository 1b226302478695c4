/**
 * Writes folded stacks (`a;b;c 12`, as Brendan Gregg's stackcollapse scripts and `perf script`
 * pipelines print them): one stack per line, 4 to 20 frames deep, frames drawn from 5,000
 * package-qualified function names, so most lines are distinct stacks sharing their roots.
 * Two million lines make about 740 MB, where speedscope's tab gives up near one million.
 *
 *   npx tsx bench/gen-folded.ts OUT [LINES]      (default 2,000,000)
 *
 * Deterministic: the same count always writes the same bytes.
 */
import { createWriteStream } from 'node:fs'
import { seededRandom } from '../src/lib/prng'

const random = seededRandom(0xf01d)
const pkgs = [
  'net/http',
  'example.com/api/handlers',
  'example.com/store/cache',
  'runtime',
  'encoding/json',
  'database/sql',
  'github.com/lib/pq',
]
const names = Array.from({ length: 5000 }, (_, i) => {
  const pkg = pkgs[i % pkgs.length]
  return `${pkg}.(*W${i % 97}).stage${i}`
})
const roots = ['runtime.goexit', 'main.main', 'runtime.main']

function line(): string {
  const depth = 4 + Math.floor(random() * 17)
  const frames = [roots[Math.floor(random() * roots.length)]]
  // Shared roots: the first frames come from a small set, the rest from all names.
  for (let d = 1; d < depth; d++) {
    const pool = d < 4 ? 40 : names.length
    frames.push(names[Math.floor(random() * pool)])
  }
  return `${frames.join(';')} ${1 + Math.floor(random() * 50)}\n`
}

async function main(): Promise<void> {
  const [out, count = '2000000'] = process.argv.slice(2)
  if (!out) throw new Error('usage: gen-folded.ts OUT [LINES]')
  const stream = createWriteStream(out)
  let batch = ''
  for (let n = 0; n < Number(count); n++) {
    batch += line()
    if (batch.length > 1 << 20) {
      if (!stream.write(batch))
        await new Promise<void>((done) => stream.once('drain', () => done()))
      batch = ''
    }
  }
  stream.end(batch)
  await new Promise<void>((done) => stream.once('finish', () => done()))
}

void main()
