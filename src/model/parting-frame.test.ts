import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseInputs } from '../parse/index'
import { inputFromBytes } from '../test/incident-snapshot'
import { incidentFromStacks } from '../test/incident-from-stacks'
import { computeGroups, rankGroups } from './group'
import { rankedGroupList } from './group-list'
import { makePartingFrameOf } from './parting-frame'
import { getFrameFunc, getFrameLocation } from './stacks'

// Valgrind loss records 9 to 11: each `malloc <- buff_create (buff.c:16) <- editor_init (editor.c:N)`.
const HED = 'src/parse/valgrind/__fixtures__/issue-hed-7-memcheck-3.19-records.txt'

describe('groups that read alike', () => {
  it('are told apart by the caller where their stacks part', async () => {
    const text = readFileSync(HED)
    const incident = await parseInputs([inputFromBytes('hed.txt', text)])
    const groups = computeGroups(incident)
    const partingOf = makePartingFrameOf(incident, groups, 200)
    const alike = groups.filter((g) => g.label === 'buff_create' && partingOf(g) !== null)
    // The `by ... editor_init (editor.c:N)` lines under `buff_create (buff.c:16)`, in the text.
    const callers = [
      ...text
        .toString()
        .matchAll(/buff_create \(buff\.c:16\)\n==\d+==\s+by 0x\w+: (\w+) \((\S+)\)/g),
    ].map((m) => `${m[1]} ${m[2]}`)
    expect(callers.length).toBeGreaterThan(1)
    const shown = alike.map((g) => {
      const { frame, side } = partingOf(g)!
      expect(side).toBe('caller')
      return `${getFrameFunc(incident, frame)} ${getFrameLocation(incident, frame)}`
    })
    expect(shown.sort()).toEqual(callers.sort())
  })

  it('picks the frame no other alike group has, past frames some share', () => {
    const incident = incidentFromStacks(`
main;a;x;leaf [s]
main;b;x;leaf [s]
main;b;y;leaf [s]
`)
    const groups = computeGroups(incident)
    const partingOf = makePartingFrameOf(incident, groups)
    const named = groups.map((g) => getFrameFunc(incident, partingOf(g)!.frame)).sort()
    // The first parts from the others at a; the third at y, its own; the second has no frame
    // of its own, and is named by the first where it parts from some (x, not the third's y).
    expect(named).toEqual(['a', 'x', 'y'])
  })

  it('leaves groups with a name of their own alone', () => {
    const incident = incidentFromStacks(`
main;a;one [s]
main;b;two [s]
`)
    const groups = computeGroups(incident)
    const partingOf = makePartingFrameOf(incident, groups)
    expect(groups.map(partingOf)).toEqual(groups.map(() => null))
  })

  it('reads a ranked list by lines as it reads its groups made', () => {
    // Groups of one record and of two (the same stack twice), alike sets and a frame of its own.
    const incident = incidentFromStacks(`
main;a;x;leaf [s]
main;b;x;leaf [s]
main;a;x;leaf [s]
main;b;y;leaf [s]
main;c;own [s]
main;c;own [s]
main;d;leaf2 [s]
main;e;leaf2 [s]
`)
    const mode = { type: 'lines' } as const
    const ranked = rankGroups(incident, mode)
    const list = rankedGroupList(ranked)
    const byRank = Array.from({ length: list.length }, (_, k) => list.labelFrame(k))
    expect(Array.from(ranked.unrankedLabelFrames()!).sort()).toEqual(byRank.sort())
    const partings = [1, 2, 3, 256].map((maxAlike) => {
      const made = list.toArray()
      const want = made.map(makePartingFrameOf(incident, made, maxAlike))
      // Asked before any group is made, as the table asks.
      const fresh = rankedGroupList(rankGroups(incident, mode))
      const partingOf = makePartingFrameOf(incident, fresh, maxAlike)
      const got = fresh.toArray().map(partingOf)
      expect(got).toEqual(want)
      return got
    })
    expect(partings[0].every((p) => p === null)).toBe(true)
    expect(partings[3].filter((p) => p !== null).length).toBeGreaterThan(2)
  })

  it('leaves sets of alike groups larger than asked alone', () => {
    const incident = incidentFromStacks(`
main;a;leaf [s]
main;b;leaf [s]
main;c;leaf [s]
`)
    const groups = computeGroups(incident)
    expect(groups.map(makePartingFrameOf(incident, groups, 2))).toEqual([null, null, null])
    expect(groups.map(makePartingFrameOf(incident, groups, 3))).not.toContain(null)
  })

  it('names what the frame went on to call when the callers are the same', () => {
    const incident = incidentFromStacks(`
main.run@14;lib.grow;lib.alloc [s]
main.run@14;lib.push;lib.alloc [s]
`)
    const groups = computeGroups(incident)
    expect(groups.map((g) => g.label)).toEqual(['main.run', 'main.run'])
    const partingOf = makePartingFrameOf(incident, groups)
    const shown = groups.map((g) => {
      const { frame, side } = partingOf(g)!
      return `${side} ${getFrameFunc(incident, frame)}`
    })
    expect(shown.sort()).toEqual(['callee lib.grow', 'callee lib.push'])
  })

  // heaptrack's own test data: 174 rows named `main globalstatic.cpp:14`, whose stacks differ
  // only above main (what it called: Qt's event dispatcher into glib, ICU). The table once left
  // sets of more than 32 alone, and these rows read the same on screen; each is told apart.
  it('tells apart the heaptrack rows that read alike', async () => {
    const path = 'src/parse/heaptrack/__fixtures__/heaptrack.david.18594.gz'
    const incident = await parseInputs([
      inputFromBytes('heaptrack.david.18594.gz', readFileSync(path)),
    ])
    const groups = computeGroups(incident)
    const partingOf = makePartingFrameOf(incident, groups)
    const alike = groups.filter(
      (g) =>
        g.label === 'main' &&
        getFrameLocation(incident, g.labelFrame).endsWith('globalstatic.cpp:14'),
    )
    expect(alike.length).toBeGreaterThan(2)
    const shown = alike.map((g) => {
      const p = partingOf(g)
      return p === null ? null : `${p.side} ${getFrameFunc(incident, p.frame)}`
    })
    expect(shown).not.toContain(null)
    expect(shown.every((text) => text!.startsWith('callee '))).toBe(true)
  })
})
