import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { toIncidentJson } from '../../cli/incident-json'
import { computeCallTree, computeRecordWeights } from '../../model/flame/call-tree'
import { computeGroups } from '../../model/group'
import { getLabelKeys } from '../../model/label-keys'
import { getSampleColumns } from '../../model/sample-columns'
import { getSampleTypeTotals } from '../../model/sample-totals'
import { getFrameFunc } from '../../model/stacks'
import type { Incident } from '../../model/types'
import { FrameKind, NONE, frameKindNames } from '../../model/types'
import { checkIncidentSnapshot, dumpIncident, parseFixture } from '../../test/incident-snapshot'
import { describeParserProperties } from '../../test/parser-properties'
import { isGoSymbol } from './go-symbol'
import { parsePerfFrame } from './perf-frame'
import { parsePerfHeader } from './perf-header'
import { perfScriptFormat } from './perf-script'

const dir = join(__dirname, '__fixtures__')
const reports = join(__dirname, '../../../fixtures/provenance/perf-threads')
const fixtures = readdirSync(dir).filter((f) => f !== 'PROVENANCE.tsv')

function read(name: string): string {
  const bytes = readFileSync(join(dir, name))
  return (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')
}

/**
 * The samples of perf script text, counted the plain way: a header is any line that is not
 * indented, blank or a `#` comment; its leaf is the symbol of the first indented line after it.
 */
function rawSamples(text: string): { comm: string; tid: string; leaf: string | null }[] {
  const out: { comm: string; tid: string; leaf: string | null }[] = []
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue
    if (!line.startsWith('\t')) {
      const [, comm, tid] = /^\s*(.+?)\s+(?:\d+\/)?(\d+)\s/.exec(line)!
      out.push({ comm, tid, leaf: null })
    } else if (out.at(-1)!.leaf === null) {
      out.at(-1)!.leaf = line
        .trim()
        .split(' ')[1]
        .replace(/\+0x[0-9a-f]+$/, '')
    }
  }
  return out
}

function countBy<T>(items: readonly T[], key: (t: T) => string, weight = (_: T) => 1) {
  const m = new Map<string, number>()
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + weight(t))
  return m
}

/** The function of each record's leaf frame, or '(none)'. */
function leafFuncs(incident: Incident): string[] {
  const { records, stacks } = incident
  return Array.from(records.stack, (s) =>
    s === NONE ? '(none)' : getFrameFunc(incident, stacks.frame[s]),
  )
}

/** Each record's cpu-clock period (its sample type column). */
function periods(incident: Incident): Float64Array {
  const columns = getSampleColumns(incident)!
  return columns.values[columns.types.findIndex((t) => t.type === 'cpu-clock')]
}

/** Rows of `perf report --stdio -g none`: `33.60%  [.] hash_block` -> [name, '33.60']. */
function reportRows(name: string): [string, string][] {
  return readFileSync(join(reports, name), 'utf8')
    .split('\n')
    .filter((l) => /^ +[\d.]+%/.test(l))
    .map((l) => {
      const [, percent, what] = /^ +([\d.]+)% +(?:\[.\] )?(.+?) *$/.exec(l)!
      return [what, percent]
    })
}

/** Shares of `weights` per key, as perf report prints them (two decimals). */
function shares(keys: readonly string[], weights: ArrayLike<number>): Map<string, string> {
  let total = 0
  const sums = new Map<string, number>()
  keys.forEach((k, i) => {
    sums.set(k, (sums.get(k) ?? 0) + weights[i])
    total += weights[i]
  })
  return new Map([...sums].map(([k, v]) => [k, ((100 * v) / total).toFixed(2)]))
}

describe('perf script fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const incident = await checkIncidentSnapshot(join(dir, name))
    const text = read(name)
    // perf script --header's `# ...` lines are the only ones not read.
    expect(incident.sources[0].unrecognizedLines).toBe(
      text.split('\n').filter((l) => l.startsWith('#')).length,
    )
    expect(incident.sources[0].regions.map((r) => r.format)).toEqual(['perf'])
  })

  it.each(fixtures)('%s: one record per sample header, its flame graph as wide', async (name) => {
    const incident = await parseFixture(join(dir, name))
    const raw = rawSamples(read(name))
    expect(raw.length).toBeGreaterThan(50)
    expect(incident.records.length).toBe(raw.length)
    const samples = getSampleTypeTotals(incident).find((t) => t.type === 'samples')!
    expect(samples.total).toBe(raw.length)
    const tree = computeCallTree(incident, computeRecordWeights(incident, 'count'))
    expect(tree.total[0]).toBe(raw.length)
  })

  it.each(fixtures)('%s: samples per thread and per leaf symbol as the text says', async (name) => {
    const incident = await parseFixture(join(dir, name))
    const raw = rawSamples(read(name))
    const r = incident.records
    const names = Array.from(r.name, (n) => incident.strings[n])
    const threads = names.map((n, i) => `${n} ${r.id[i]}`)
    expect(countBy(threads, (t) => t)).toEqual(countBy(raw, (s) => `${s.comm} ${s.tid}`))
    // Named leaves count alike; perf's `[unknown]` leaves are the model's unknown frames.
    const leaves = leafFuncs(incident)
    const isUnknown = (i: number) =>
      r.stack[i] !== NONE &&
      incident.frames.kind[incident.stacks.frame[r.stack[i]]] === FrameKind.unknown
    const modelNamed = countBy(
      leaves.filter((_, i) => !isUnknown(i)),
      (f) => f,
    )
    const rawNamed = countBy(
      raw.filter((s) => s.leaf !== '[unknown]'),
      (s) => s.leaf!,
    )
    expect(modelNamed).toEqual(rawNamed)
    expect(leaves.filter((_, i) => isUnknown(i)).length).toBe(
      raw.filter((s) => s.leaf === '[unknown]').length,
    )
  })
})

describe('a Go program sampled by perf', () => {
  // Guards against a Go program's runtime frames reading as its own code: the group of a
  // goroutine is named by the program's function, as in a goroutine dump.
  it('reads Go symbols as Go frames: runtime, standard library, the program', async () => {
    const incident = await parseFixture(join(dir, 'goroutines.perf.txt'))
    const { frames } = incident
    const kinds = new Map<string, Set<string>>()
    for (let f = 0; f < frames.length; f++) {
      const func = getFrameFunc(incident, f)
      const prefix = /^(runtime|main|sort|crypto\/sha256|encoding\/json)\./.exec(func)?.[1]
      if (!prefix) continue
      if (!kinds.has(prefix)) kinds.set(prefix, new Set())
      kinds.get(prefix)!.add(frameKindNames[frames.kind[f] as FrameKind])
    }
    expect(Object.fromEntries([...kinds].map(([k, v]) => [k, [...v]]))).toEqual({
      runtime: ['runtime'],
      main: ['app'],
      sort: ['stdlib'],
      'crypto/sha256': ['stdlib'],
      'encoding/json': ['stdlib'],
    })
    const byApp = computeGroups(incident, { type: 'firstApp' }).map((g) => g.label)
    for (const loop of ['main.hashLoop', 'main.sortLoop', 'main.jsonLoop'])
      expect(byApp).toContain(loop)
  })

  it.each([
    ['Go function', 'crypto/sha256.block.abi0', '/srv/app', true],
    ['Go method', 'sort.(*IntSlice).Less', '/srv/app', true],
    ['Go closure', 'main.main.func1', '/srv/app', true],
    ['C clone', 'msort_with_tmp.part.0', '/srv/app', false],
    ['C function', 'hash_block', '/srv/app', false],
    ['C++', 'std::sort<int*>', '/srv/app', false],
    ['in a shared library', 'g_main.loop', '/usr/lib/libglib-2.0.so.0', false],
    ['kernel', 'finish_task_switch.isra.0', '[kernel.kallsyms]', false],
  ])('%s: %s', (_name, func, dso, go) => {
    expect(isGoSymbol(func, dso)).toBe(go)
  })
})

describe('grouped by thread and by process', () => {
  it.each(fixtures)('%s: Labels is one group per thread, Label pid per process', async (name) => {
    const incident = await parseFixture(join(dir, name))
    const text = read(name)
    // `comm pid/tid time:` (or `comm tid time:`) at the start of each header, read plainly.
    const ids = text
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('\t') && !l.startsWith('#'))
      .map((l) => /^\s*(.+?)\s+(?:(\d+)\/)?(\d+)\s/.exec(l)!)
    const byThread = countBy(ids, ([, comm, pid, tid]) =>
      pid ? `comm=${comm}, pid=${pid}, tid=${tid}` : `comm=${comm}, tid=${tid}`,
    )
    const threads = computeGroups(incident, { type: 'labels' })
    expect(new Map(threads.map((g) => [g.label, g.count]))).toEqual(byThread)
    const hasPid = ids.some((m) => m[2] !== undefined)
    expect(getLabelKeys(incident)).toEqual(hasPid ? ['comm', 'pid', 'tid'] : ['comm', 'tid'])
    const processes = computeGroups(incident, { type: 'label', key: 'pid' })
    const byProcess = countBy(ids, ([, , pid]) => (pid ? `pid=${pid}` : '(no pid)'))
    expect(new Map(processes.map((g) => [g.label, g.count]))).toEqual(byProcess)
  })
})

describe('against perf report', () => {
  // perf report -i perf-fp.data --stdio --no-children -s sym -g none (perf 6.1, see make.sh):
  // the share of the period (cpu-clock nanoseconds) on each leaf symbol.
  it.each([
    ['threads-fp.perf.txt', 'threads-fp.report.txt'],
    ['goroutines.perf.txt', 'goroutines.report.txt'],
  ])('%s: leaf symbols weigh what perf report -s sym prints', async (name, report) => {
    const incident = await parseFixture(join(dir, name))
    const got = shares(leafFuncs(incident), periods(incident))
    const named = reportRows(report).filter(([sym]) => !sym.startsWith('0x'))
    expect(named.length).toBeGreaterThan(10)
    for (const [sym, percent] of named) expect([sym, got.get(sym)]).toEqual([sym, percent])
  })

  // perf report -s comm: the period per thread name.
  it('thread names weigh what perf report -s comm prints', async () => {
    const incident = await parseFixture(join(dir, 'threads-fp.perf.txt'))
    const names = Array.from(incident.records.name, (n) => incident.strings[n])
    const got = shares(names, periods(incident))
    expect(new Map(reportRows('threads-fp.report-comm.txt'))).toEqual(got)
  })

  // perf report -s pid: the period per thread (`572:gzip`, the thread's last comm).
  it('threads of the pipeline weigh what perf report -s pid prints', async () => {
    const incident = await parseFixture(join(dir, 'pipeline.perf.txt'))
    const tids = Array.from(incident.records.id, String)
    const got = shares(tids, periods(incident))
    const want = reportRows('pipeline.report-pid.txt').map(([what, p]): [string, string] => [
      what.split(':')[0],
      p,
    ])
    expect(new Map(want)).toEqual(got)
  })

  // perf report's header: `# Samples: 494  of event 'cpu-clock'`, `# Event count (approx.): N`.
  it.each([
    ['threads-fp.perf.txt', 'threads-fp.report.txt'],
    ['threads-dwarf.perf.txt', 'threads-dwarf.report.txt'],
    ['pipeline.perf.txt', 'pipeline.report-pid.txt'],
  ])('%s: the JSON sampleTypes are perf report’s sample and event counts', async (name, report) => {
    const header = readFileSync(join(reports, report), 'utf8')
    const [, samples, event] = /^# Samples: (\d+) +of event '([^']+)'$/m.exec(header)!
    const count = /^# Event count \(approx\.\): (\d+)$/m.exec(header)![1]
    const json = toIncidentJson(await parseFixture(join(dir, name)))
    expect(json.sampleTypes).toEqual([
      { type: 'samples', unit: 'count', total: Number(samples) },
      { type: event, unit: 'nanoseconds', total: Number(count) },
    ])
    expect(json.records).toBe(Number(samples))
    expect(json.sources[0].regions).toEqual([
      { format: 'perf', firstLine: 0, lastLine: read(name).split('\n').length - 2 },
    ])
  })

  it('reads the same stacks from each field layout of one recording', async () => {
    const full = dumpIncident(await parseFixture(join(dir, 'threads-fp.perf.txt')))
    for (const name of ['threads-fp-default.perf.txt.gz', 'threads-fp-fields.perf.txt.gz'])
      expect(dumpIncident(await parseFixture(join(dir, name)))).toBe(full)
  })
})

describeParserProperties(fixtures.filter((f) => !f.endsWith('.gz')).map(read))

describe('perf script detection', () => {
  it.each([
    ['pid/tid', 'hasher   458/460   21632.365774:    2004008 cpu-clock: ', 'hasher', 458, 460],
    [
      'tid only',
      'perf-threads-de   458 21632.365774:    2004008 cpu-clock: ',
      'perf-threads-de',
      -1,
      458,
    ],
    ['cpu, no period', 'noploop 21796 [001] 1410597.984841: instructions: ', 'noploop', -1, 21796],
    [
      'comm with spaces',
      'V8 WorkerThread 24636/25607 [000] 94564.109216: cycles:u: ',
      'V8 WorkerThread',
      24636,
      25607,
    ],
    [
      'comm with a colon',
      'kworker/0:1H    12 [003]  5.123456789:   250000 cpu-clock:',
      'kworker/0:1H',
      -1,
      12,
    ],
    [
      'tracepoint fields',
      'swapper     0 [000]  3.123456:          1 sched:sched_switch: prev_comm=a',
      'swapper',
      -1,
      0,
    ],
  ])('reads a header: %s', (_name, line, comm, pid, tid) => {
    const h = parsePerfHeader(line)!
    expect([h.comm, h.pid, h.tid]).toEqual([comm, pid, tid])
    expect(perfScriptFormat.sniff(line)).toBe(0)
  })

  it('reads the frame a sample without call chains prints on its header line', () => {
    const h = parsePerfHeader(
      'app 7/7 12.000001:  1000 cpu-clock:   125f hash_block+0x47 (/bin/app)',
    )!
    expect([h.event, parsePerfFrame(h.rest)]).toEqual([
      'cpu-clock',
      { address: '0x125f', func: 'hash_block', dso: '/bin/app' },
    ])
  })

  it.each([
    ['deleted DSO', '4a1 main+0x11 (/srv/app (deleted))', 'main', '/srv/app (deleted)'],
    [
      'C++ symbol',
      '9c0 std::vector<int>::push_back(int const&)+0x20 (/srv/app)',
      'std::vector<int>::push_back(int const&)',
      '/srv/app',
    ],
    ['no DSO', 'ffffffff8101 do_idle', 'do_idle', ''],
    ['unknown', '0 [unknown] ([unknown])', '[unknown]', '[unknown]'],
  ])('reads a frame: %s', (_name, text, func, dso) => {
    expect(parsePerfFrame(text)).toMatchObject({ func, dso })
  })

  it.each([
    ['a log line with seconds', 'worker 12 took 1.500000: done'],
    ['time with three decimals', 'app 12 3.123: 1 cycles:'],
    ['no comm', '458/460 21632.365774: 1 cpu-clock:'],
    ['a frame line', '\t            125f hash_block+0x47 (/usr/local/bin/perf-threads-demo)'],
    ['event with a space', 'app 1/1 3.123456: 10 cpu clock: x'],
  ])('does not read %s as a header', (_name, line) => {
    expect(perfScriptFormat.sniff(line)).toBe(-1)
  })

  // Guards against stealing: no line of another format's samples (or the page's examples)
  // opens a perf region.
  it('opens on no line of any other format’s samples', () => {
    const others = readdirSync('src/parse', { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'perf')
      .flatMap((d) => {
        const f = join('src/parse', d.name, '__fixtures__')
        try {
          return readdirSync(f).map((n) => join(f, n))
        } catch {
          return []
        }
      })
      .concat(readdirSync('public/examples').map((n) => join('public/examples', n)))
      .filter((p) => !p.endsWith('PROVENANCE.tsv'))
    expect(others.length).toBeGreaterThan(100)
    const opened: string[] = []
    for (const path of others) {
      let bytes: Buffer = readFileSync(path)
      if (path.endsWith('.gz')) {
        try {
          bytes = gunzipSync(bytes)
        } catch {
          continue
        }
      }
      for (const line of bytes.toString('utf8').split('\n'))
        if (perfScriptFormat.sniff(line.replace(/\r$/, '')) >= 0) opened.push(`${path}: ${line}`)
    }
    expect(opened).toEqual([])
  })
})
