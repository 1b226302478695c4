import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { assertIncidentIntegrity, parseFixture } from '../../test/incident-snapshot'
import { computeGroups } from '../group'
import { getStackFrames } from '../stacks'
import type { Incident, IndexIntoFrameTable } from '../types'
import { FrameKind, NONE, frameKindNames } from '../types'
import { applyTransforms } from './apply'
import type { Transform } from './types'
import { notAppKinds, removesRecords } from './types'

const fixture = (path: string) => `src/parse/${path}`
const CHURN = fixture('go/__fixtures__/local-go119-gen-dump-n2000-churn.txt')
const OVERFLOW = fixture('go/__fixtures__/bugsnag-stack-overflow-runtime-stack-go115.txt')
const GC_CRASH = fixture('go/__fixtures__/gotfmt-go7725-sigsegv-gc-go13.txt')
const PYTHON_GDB = fixture('gdb/__fixtures__/satyr-rhbz-803600-large-multithread.txt')
const HEAPTRACK = fixture('heaptrack/__fixtures__/heaptrack.david.18594.v2.txt')
const MEMLEAK_KERNEL = fixture('memleak/__fixtures__/issue-bcc-5268-libbpf-tools-kernel-mode.txt')

/**
 * A slow reference: the transform applied to one record's root-first frames, written from the
 * definitions and not from the fast per-node code; null when the record is removed.
 */
function referencePath(incident: Incident, leaf: number, t: Transform): string[] | null {
  const frames = getStackFrames(incident, leaf).reverse()
  const name = (f: IndexIntoFrameTable) => incident.strings[incident.frames.func[f]]
  const module = (f: IndexIntoFrameTable) =>
    incident.frames.module[f] === NONE ? '' : incident.strings[incident.frames.module[f]]
  const text = (f: IndexIntoFrameTable) => {
    const file = incident.frames.file[f]
    const line = incident.frames.line[f]
    const where = file === NONE ? '' : `\n${incident.strings[file]}${line > 0 ? `:${line}` : ''}`
    return `${name(f)}${where}${module(f) ? `\n${module(f)}` : ''}`
  }
  const hit = (f: IndexIntoFrameTable): boolean => {
    switch (t.type) {
      case 'module':
        return module(f) === t.module || module(f).startsWith(`${t.module}/`)
      case 'hide-kind':
        return t.kinds.includes(incident.frames.kind[f] as FrameKind)
      case 'hide-regex': {
        const end = t.pattern.lastIndexOf('/')
        return new RegExp(t.pattern.slice(1, end), 'im').test(text(f))
      }
      default:
        return name(f) === t.func
    }
  }
  const first = frames.findIndex(hit)
  switch (t.type) {
    case 'merge':
    case 'hide-kind':
    case 'hide-regex':
      return frames.filter((f) => !hit(f)).map(name)
    case 'drop':
      return first >= 0 ? null : frames.map(name)
    case 'through':
      return first < 0 ? null : frames.map(name)
    case 'focus':
      return first < 0 ? null : frames.slice(first).map(name)
    case 'rec': {
      const out: IndexIntoFrameTable[] = []
      for (const f of frames) {
        const outer = hit(f) ? out.findIndex(hit) : -1
        if (outer >= 0) out.length = outer + 1
        else out.push(f)
      }
      return out.map(name)
    }
    case 'drec': {
      const out: IndexIntoFrameTable[] = []
      for (const f of frames) if (!(hit(f) && out.length && hit(out[out.length - 1]))) out.push(f)
      return out.map(name)
    }
    case 'module': {
      const out: string[] = []
      let inRun = false
      for (const f of frames) {
        if (hit(f) && !inRun) out.push(t.module)
        if (!hit(f)) out.push(name(f))
        inRun = hit(f)
      }
      return out
    }
  }
}

const rootFirst = (incident: Incident, leaf: number) =>
  leaf === NONE
    ? []
    : getStackFrames(incident, leaf)
        .reverse()
        .map((f) => incident.strings[incident.frames.func[f]])

const totals = (incident: Incident) => {
  const r = incident.records
  let count = 0
  let bytes = 0
  let allocations = 0
  for (let i = 0; i < r.length; i++) {
    count += r.count[i]
    bytes += r.bytes[i]
    allocations += r.allocations[i]
  }
  return { count, bytes, allocations }
}

/** Applies one transform and checks every record against the reference; returns the result. */
function checkTransform(before: Incident, t: Transform): Incident {
  const after = applyTransforms(before, [t])
  assertIncidentIntegrity(after)
  const kept: { from: number; path: string[] }[] = []
  for (let i = 0; i < before.records.length; i++) {
    const leaf = before.records.stack[i]
    const path =
      leaf === NONE
        ? removesRecords(t) && t.type !== 'drop'
          ? null
          : []
        : referencePath(before, leaf, t)
    if (path) kept.push({ from: i, path })
  }
  expect(after.records.length).toBe(kept.length)
  kept.forEach(({ from, path }, j) => {
    expect(after.records.id[j]).toBe(before.records.id[from])
    expect(rootFirst(after, after.records.stack[j])).toEqual(path)
  })
  if (!removesRecords(t)) expect(totals(after)).toEqual(totals(before))
  return after
}

/** Goroutine blocks of a Go dump, read from the text (not through the parser). */
function goroutineBlocks(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split(/\n\s*\n/)
    .filter((b) => /^goroutine \d+ \[/m.test(b))
    .map((b) => b.split('\n'))
}
const callsFunc = (block: string[], func: string) => block.some((l) => l.startsWith(`${func}(`))

describe('transforms on a 2,002-goroutine Go dump', async () => {
  const dump = await parseFixture(CHURN)
  const blocks = goroutineBlocks(CHURN)
  const WAIT = 'sync.(*WaitGroup).Wait'
  const MERGE = 'example.com/edgeproxy/internal/dns.(*Resolver).lookupIPMerge'

  it('reads every goroutine of the text', () => {
    expect(blocks.length).toBe(2002)
    expect(totals(dump).count).toBe(2002)
  })

  it('drop removes exactly the goroutines through the function', () => {
    const through = blocks.filter((b) => callsFunc(b, WAIT)).length
    expect(through).toBeGreaterThan(1000)
    const after = checkTransform(dump, { type: 'drop', func: WAIT })
    expect(totals(after).count).toBe(2002 - through)
  })

  it.each<Transform['type']>(['through', 'focus'])(
    '%s keeps exactly the goroutines through it',
    (type) => {
      const through = blocks.filter((b) => callsFunc(b, MERGE)).length
      const after = checkTransform(dump, { type, func: MERGE } as Transform)
      expect(totals(after).count).toBe(through)
      if (type === 'focus') {
        for (let i = 0; i < after.records.length; i++)
          expect(rootFirst(after, after.records.stack[i])[0]).toBe(MERGE)
      }
    },
  )

  it('merge removes the function and keeps every goroutine', () => {
    const after = checkTransform(dump, { type: 'merge', func: WAIT })
    for (let f = 0; f < after.frames.length; f++)
      if (after.strings[after.frames.func[f]] === WAIT)
        expect(after.stacks.frame.includes(f)).toBe(false)
  })

  it('collapses a module and the packages under it into one frame', () => {
    const after = checkTransform(dump, { type: 'module', module: 'example.com/edgeproxy/internal' })
    expect(after.stacks.length).toBeLessThan(dump.stacks.length)
  })

  it('"only my code" leaves app frames, one group per distinct app path', () => {
    const after = checkTransform(dump, { type: 'hide-kind', kinds: notAppKinds })
    for (let n = 0; n < after.stacks.length; n++)
      expect(frameKindNames[after.frames.kind[after.stacks.frame[n]] as FrameKind]).toBe('app')
    const byFunctions = { type: 'functions' } as const
    const paths = new Set<string>()
    for (let i = 0; i < dump.records.length; i++)
      paths.add(
        referencePath(dump, dump.records.stack[i], { type: 'hide-kind', kinds: notAppKinds })!.join(
          ';',
        ),
      )
    const groupsAfter = computeGroups(after, byFunctions)
    expect(groupsAfter.length).toBe(paths.size)
    expect(groupsAfter.reduce((s, g) => s + g.count, 0)).toBe(2002)
  })

  it('hides frames by pattern', () => {
    checkTransform(dump, { type: 'hide-regex', pattern: '/^sync\\./' })
    checkTransform(dump, { type: 'hide-kind', kinds: [FrameKind.stdlib] })
  })

  it('composes: each step sees the previous one', () => {
    const two: Transform[] = [
      { type: 'hide-kind', kinds: [FrameKind.stdlib, FrameKind.runtime] },
      { type: 'drop', func: MERGE },
    ]
    const step = applyTransforms(applyTransforms(dump, [two[0]]), [two[1]])
    const both = applyTransforms(dump, two)
    assertIncidentIntegrity(both)
    expect(both.records.length).toBe(step.records.length)
    expect(totals(both).count).toBe(2002 - blocks.filter((b) => callsFunc(b, MERGE)).length)
  })

  it('leaves the input untouched', () => {
    const stacks = dump.stacks.frame.slice()
    applyTransforms(dump, [{ type: 'focus', func: MERGE }])
    expect(dump.stacks.frame).toEqual(stacks)
    expect(dump.records.length).toBe(2002)
  })
})

it('"only my code" folds groups that differ only in runtime frames', async () => {
  const incident = await parseFixture(GC_CRASH)
  const after = checkTransform(incident, { type: 'hide-kind', kinds: notAppKinds })
  const before = computeGroups(incident)
  const groups = computeGroups(after)
  expect(groups.length).toBeLessThan(before.length)
  expect(groups.reduce((s, g) => s + g.count, 0)).toBe(totals(incident).count)
})

describe('collapsing recursion', () => {
  it('direct recursion in a Go stack overflow', async () => {
    const incident = await parseFixture(OVERFLOW)
    const f = 'main.stackExhaustion.func1'
    const calls = (inc: Incident) =>
      Math.max(
        ...[...inc.records.stack].map((s) => rootFirst(inc, s).filter((n) => n === f).length),
      )
    expect(calls(incident)).toBeGreaterThan(1)
    for (const type of ['drec', 'rec'] as const)
      expect(calls(checkTransform(incident, { type, func: f }))).toBe(1)
  })

  it('indirect recursion through the Python interpreter in gdb threads', async () => {
    const incident = await parseFixture(PYTHON_GDB)
    const f = 'PyEval_EvalFrameEx'
    const after = checkTransform(incident, { type: 'rec', func: f })
    for (let i = 0; i < after.records.length; i++)
      expect(
        rootFirst(after, after.records.stack[i]).filter((n) => n === f).length,
      ).toBeLessThanOrEqual(1)
    // Direct recursion only folds immediate self-calls: the interleaved calls stay.
    checkTransform(incident, { type: 'drec', func: f })
    checkTransform(incident, { type: 'hide-kind', kinds: [FrameKind.native, FrameKind.stdlib] })
  })

  it('keeps bytes and allocations of heaptrack records', async () => {
    const incident = await parseFixture(HEAPTRACK)
    expect(totals(incident).bytes).toBeGreaterThan(0)
    checkTransform(incident, { type: 'rec', func: '_dl_catch_error' })
    checkTransform(incident, { type: 'merge', func: 'operator()' })
  })
})

describe('leak reports', () => {
  it('keeps the bytes the report printed, and drop removes exactly its stacks', async () => {
    const text = readFileSync(MEMLEAK_KERNEL, 'utf8')
    const printed = [...text.matchAll(/(\d+) bytes in (\d+) allocations from stack/g)]
    const bytes = printed.reduce((s, m) => s + Number(m[1]), 0)
    const incident = await parseFixture(MEMLEAK_KERNEL)
    expect(totals(incident).bytes).toBe(bytes)
    const hidden = checkTransform(incident, { type: 'hide-kind', kinds: [FrameKind.kernel] })
    expect(totals(hidden).bytes).toBe(bytes)
    const leaf =
      incident.strings[incident.frames.func[incident.stacks.frame[incident.records.stack[0]]]]
    const dropped = checkTransform(incident, { type: 'drop', func: leaf })
    const stacksText = text.split(/\n(?=\s*\d+ bytes in)/)
    const through = stacksText
      .filter((s) => s.split('\n').some((l) => l.includes(leaf)))
      .reduce((s, block) => s + Number(/(\d+) bytes in/.exec(block)?.[1] ?? 0), 0)
    expect(totals(dropped).bytes).toBe(bytes - through)
  })
})
