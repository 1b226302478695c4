/**
 * `npm run parse -- FILE... [--json] [--group MODE] [--snapshot N] [--transform LIST] [--verbose]`
 *
 * The same parsing code the browser runs in its worker, for scripts and benchmarks. Without
 * --json it prints a short human summary: crash, regions, the largest groups.
 */
import { parseArgs } from 'node:util'
import { parseGroupModeName } from '../model/group-mode-names'
import { applyTransforms } from '../model/transforms/apply'
import { formatTransforms, parseTransforms } from '../model/transforms/syntax'
import { parseInputs } from '../parse/index'
import { groupLines } from './group-lines'
import { incidentJsonFields } from './incident-json'
import { jsonChunks } from './json-chunks'
import { nodeDecodeAscii } from './node-ascii'
import { inputFromPath } from './node-input'
import { crashHeadline } from '../model/crash-headline'
import { foldCrashReports } from '../model/crash-reports'
import { selectSnapshot } from '../model/snapshot-view'

/**
 * Writes all of `text` and resolves once the stream has taken it. A pipe holds 64 KB; output
 * beyond that waits in Node's buffer, and exiting before it drains cuts the JSON short.
 */
function writeAll(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) =>
    stream.write(text, (error) => (error ? reject(error) : resolve())),
  )
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      group: { type: 'string', default: 'lines' },
      snapshot: { type: 'string' },
      transform: { type: 'string', default: '' },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const mode = parseGroupModeName(values.group)
  const transforms = parseTransforms(values.transform)
  if ('error' in transforms) {
    process.stderr.write(`parse: --transform ${transforms.error}\n`)
    return 64
  }
  const snapshot = values.snapshot === undefined ? null : Number(values.snapshot)
  const badSnapshot = snapshot !== null && !(Number.isInteger(snapshot) && snapshot >= 0)
  if (values.help || positionals.length === 0 || !mode || badSnapshot) {
    process.stderr.write(
      `usage: npm run parse -- FILE... [--json] [--group exact|lines|functions|topN|app|created-by|state|labels|label:KEY] [--snapshot N] [--transform 'merge:F,hide:stdlib'] [--verbose]\n`,
    )
    return positionals.length === 0 || !mode || badSnapshot ? 64 : 0
  }
  const inputs = await Promise.all(positionals.map(inputFromPath))
  const incident = await parseInputs(inputs, {
    decodeAscii: nodeDecodeAscii,
    log: values.verbose ? (m) => process.stderr.write(m + '\n') : undefined,
  })
  if (snapshot !== null && snapshot >= incident.snapshots.length) {
    process.stderr.write(
      `parse: --snapshot ${snapshot}: the input has ${incident.snapshots.length} snapshots (0-${incident.snapshots.length - 1})\n`,
    )
    return 64
  }
  // Transforms rewrite stacks before grouping, as in the app: records, totals and groups follow.
  const transformed = applyTransforms(incident, transforms.transforms)
  const json = {
    ...incidentJsonFields(transformed, mode, snapshot),
    transforms: formatTransforms(transforms.transforms),
  }
  if (values.json) {
    for (const piece of jsonChunks(json)) await writeAll(process.stdout, piece)
    await writeAll(process.stdout, '\n')
    return 0
  }
  const out: string[] = []
  for (const s of json.sources) {
    out.push(`${s.name}: ${s.lines} lines, ${s.unrecognizedLines} not recognised`)
    for (const r of s.regions) out.push(`  lines ${r.firstLine + 1}-${r.lastLine + 1}: ${r.format}`)
    for (const w of s.warnings) out.push(`  warning: ${w}`)
  }
  // The crash the app names above the table: the lead report of the snapshot counted below
  // (`crash` in --json stays the input's first).
  const [shown] = foldCrashReports(selectSnapshot(transformed, json.snapshot).crashes)
  if (shown) out.push(`crash: ${crashHeadline(shown.lead)}`)
  if (json.snapshot !== null && json.snapshots.length > 1) {
    const s = json.snapshots[json.snapshot]
    out.push(
      `snapshot ${json.snapshot + 1} of ${json.snapshots.length} (${s.label}${s.time ? `, ${s.time}${s.timeApprox ? ' approx.' : ''}` : ''}); --snapshot N for another`,
    )
  }
  if (json.transforms) out.push(`transforms: ${json.transforms}`)
  out.push(...groupLines(json))
  await writeAll(process.stdout, out.join('\n') + '\n')
  return 0
}

// A reader that stops early (`| head`) closes the pipe: stop quietly, as other tools do, rather
// than print a stack for the write that found it closed.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit(0)
})

// Set the exit code and let Node exit by itself: process.exit() would drop what is still queued
// for a piped stdout or stderr.
main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`parse: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  },
)
