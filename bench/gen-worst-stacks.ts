/**
 * Writes a Go dump of one of the worst shapes for interning and grouping
 * (src/test/worst-case-stacks.ts): `distinct`, every goroutine its own stack (a million make
 * 139 MB), or `near-identical`, six shared frames with one line and the arguments differing
 * (half a million make 307 MB). Time and memory are then those of the command line:
 *
 *   npx tsx bench/gen-worst-stacks.ts distinct 1000000 bench/out/distinct-1000000.txt
 *   /usr/bin/time -f '%U+%S s CPU, %M KB' node bin/debrief-parse.mjs bench/out/distinct-1000000.txt --json >/dev/null
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { worstCaseGoroutine, type WorstCaseShape } from '../src/test/worst-case-stacks'

async function main(): Promise<void> {
  const [shape, count, out] = process.argv.slice(2)
  if ((shape !== 'distinct' && shape !== 'near-identical') || !(Number(count) > 0) || !out) {
    process.stderr.write(
      'usage: npx tsx bench/gen-worst-stacks.ts distinct|near-identical COUNT OUT\n',
    )
    process.exitCode = 64
    return
  }
  const stream = createWriteStream(out)
  let batch: string[] = []
  for (let i = 0; i < Number(count); i++) {
    batch.push(worstCaseGoroutine(shape as WorstCaseShape, i))
    if (batch.length === 10_000) {
      if (!stream.write(batch.join(''))) await once(stream, 'drain')
      batch = []
    }
  }
  stream.end(batch.join(''))
  await once(stream, 'finish')
}

void main()
