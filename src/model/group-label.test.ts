import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { toIncidentJson } from '../cli/incident-json'
import { parseText } from '../test/incident-snapshot'
import { go13Waiters } from '../test/go-waiters'
import { computeGroups } from './group'
import { computeGroupLabel, computeLabelFrame } from './group-label'
import { NONE } from './types'

const read = (path: string) => readFileSync(path, 'utf8')

describe('group names', () => {
  it('names runtime-only waiters by what they block on and where, with the created-by site', async () => {
    const incident = await parseText(go13Waiters(50))
    const [g] = computeGroups(incident)
    expect(g.count).toBe(50)
    expect(g.label).toBe('semacquire in net.(*singleflight).Do')
    expect(g.createdBy).toBe('net.lookupIPDeadline')
    const json = toIncidentJson(incident)
    expect(json.groups[0].label).toBe(g.label)
    expect(json.groups[0].createdBy).toBe('net.lookupIPDeadline')
  })

  // Guards against `flat in je_prof_backtrace` and `leaked in unknown at 0x7bf3...`: a leak or
  // heap report's state is a kind of amount, not what its stack waits on.
  it('names a stack that weighs bytes by its frame alone, and a waiting one by its state', async () => {
    const jeprof = [
      'Total: 127759580182 B',
      '127759580182 100.0% 100.0% 127759580182 100.0% je_prof_backtrace',
      '',
    ].join('\n')
    const incident = await parseText(jeprof)
    const [g] = computeGroups(incident)
    expect(g.states.map((s) => s.state)).toEqual(['flat'])
    expect(g.bytes).toBe(127759580182)
    expect(g.label).toBe('je_prof_backtrace')
    const stack = incident.records.stack[0]
    expect(computeGroupLabel(incident, stack, 'flat', NONE, true).label).toBe('je_prof_backtrace')
    expect(computeGroupLabel(incident, stack, 'select', NONE).label).toBe(
      'select in je_prof_backtrace',
    )
  })

  // Guards against `unknown in gzip in gzip`: the frame's name already says its module.
  it('names a stripped binary’s samples once by their module', async () => {
    const sample = [
      'gzip   572/572   21632.365774:    2004008 cpu-clock: ',
      '\t            3f5a [unknown] (/usr/bin/gzip)',
      '\t            2b1c [unknown] (/usr/bin/gzip)',
      '',
    ].join('\n')
    const [g] = computeGroups(await parseText(sample))
    expect(g.label).toBe('unknown in gzip')
  })

  it('names a cgo crash by the program’s own C call, not runtime.cgocall', async () => {
    const path = 'src/parse/go/__fixtures__/local-go119-cgo-segv.txt'
    const text = read(path)
    const incident = await parseText(text)
    const crashed = computeGroups(incident).find((g) => g.crashed)!
    // The crashing goroutine's first frame of the program: the `_Cfunc_` call in the dump.
    const cfunc = /^(\S*_Cfunc_\w+)\(/m.exec(text)![1]
    expect(crashed.label).toBe(cfunc)
    expect(crashed.label).not.toMatch(/^runtime\./)
  })

  it('shows a merged group by its largest member', async () => {
    // 30 singleflight waiters and 3 others, all `semacquire`, grouped by state.
    const others = [
      'goroutine 9 [semacquire]:',
      'sync.runtime_SemacquireMutex(0xc000010000, 0x0, 0x1)',
      '\t/usr/lib/go/src/runtime/sema.go:71 +0x25',
      'sync.(*Mutex).lockSlow(0xc000010000)',
      '\t/usr/lib/go/src/sync/mutex.go:138 +0x165',
      'example.com/edgeproxy/internal/idle.(*Park).flushStats(0xc0000a0000)',
      '\t/src/idle/park.go:88 +0x45',
      '',
    ].join('\n')
    const text = `${others}\n${others.replace('goroutine 9', 'goroutine 10')}\n${others.replace('goroutine 9', 'goroutine 11')}\n${go13Waiters(30).split('\n').slice(2).join('\n')}`
    const incident = await parseText(text)
    const byState = computeGroups(incident, { type: 'state' })
    expect(byState).toHaveLength(1)
    expect(byState[0].count).toBe(33)
    expect(byState[0].label).toBe('semacquire in net.(*singleflight).Do')
  })
})

describe('computeLabelFrame', () => {
  // A group of one record answers its label frame from computeLabelFrame without making the
  // label: the two must name the same frame for every stack.
  it('names the frame computeGroupLabel names, for every stack node of varied inputs', async () => {
    const inputs = [
      go13Waiters(5),
      read('src/parse/jemalloc/__fixtures__/heaptrack_print-F-leaky_cache.txt'),
      read('src/parse/perf/__fixtures__/pipeline.perf.txt'),
    ]
    let checked = 0
    for (const text of inputs) {
      const incident = await parseText(text)
      for (let node = 0; node < incident.stacks.length; node++) {
        const { frame } = computeGroupLabel(incident, node, undefined, NONE)
        expect(computeLabelFrame(incident, node)).toBe(frame)
        checked++
      }
      expect(computeLabelFrame(incident, NONE)).toBe(NONE)
    }
    expect(checked).toBeGreaterThan(20)
  })
})
