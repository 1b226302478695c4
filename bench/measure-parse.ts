/**
 * Parses files in this process, as `npm run parse` does, and prints one JSON line of
 * figures: phase times and the process's peak resident memory. Run by bench/seed-bench.ts
 * in a fresh process per run, so each peak is the parse's own. With `--floor` it only reads
 * the files (see floor.ts), for the floor of the same run.
 */
import { nodeDecodeAscii } from '../src/cli/node-ascii'
import { inputFromPath } from '../src/cli/node-input'
import { computeGroups } from '../src/model/group'
import { parseInputs } from '../src/parse/index'
import { fileFloor } from './floor'

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const paths = args.filter((a) => a !== '--floor')
  if (args.includes('--floor')) {
    let ms = 0
    for (const path of paths) ms += (await fileFloor(path)).ms
    process.stdout.write(
      JSON.stringify({ floorMs: ms, peakRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n',
    )
    return
  }
  const started = performance.now()
  const incident = await parseInputs(await Promise.all(paths.map(inputFromPath)), {
    decodeAscii: nodeDecodeAscii,
  })
  const parsed = performance.now()
  const groups = computeGroups(incident)
  const grouped = performance.now()
  process.stdout.write(
    JSON.stringify({
      bytes: incident.sources.reduce((n, s) => n + s.bytes, 0),
      lines: incident.sources.reduce((n, s) => n + s.lines, 0),
      records: incident.records.length,
      events: incident.events.length,
      groups: groups.length,
      largestGroup: groups[0]?.count ?? 0,
      parseMs: parsed - started,
      groupMs: grouped - parsed,
      // maxRSS is in kilobytes.
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }) + '\n',
  )
}

void main()
