import { beforeEach, describe, expect, it } from 'vitest'
import { getStackStableId } from '../model/stable-id'
import { getFrameFunc } from '../model/stacks'
import { incidentFromStacks } from '../test/incident-from-stacks'
import {
  applyDeepLink,
  findFramePath,
  findGroupByStableId,
  linkFromState,
  showDestination,
} from './deep-link-sync'
import { getGroups, getViewIncident } from './selectors'
import { useIncidentStore } from './store'

const incident = incidentFromStacks(`
main.main;net.lookup;runtime.gopark [semacquire 3] *3
main.main;main.serve;runtime.gopark [chan receive] *2
main.worker;main.serve;main.crash !
`)
const names = (path: number[] | null) => path?.map((f) => getFrameFunc(incident, f))

describe('deep links against a loaded incident', () => {
  beforeEach(() => {
    useIncidentStore.setState({
      incident,
      activeView: 'stacks',
      expanded: new Set(),
      timeRange: null,
      transforms: [],
    })
  })

  it('shows a pinned range as it was pinned, and an instant without one on the whole chart', () => {
    showDestination({ view: 'timeline', start: 1_000, end: 9_000 })
    expect(useIncidentStore.getState()).toMatchObject({
      activeView: 'timeline',
      timeRange: [1_000, 9_000],
    })
    // Not a fixed window around the instant, which hid what led up to it.
    showDestination({ view: 'timeline', start: 5_000, end: 5_000 })
    expect(useIncidentStore.getState().timeRange).toBeNull()
  })

  it('finds a group by the stable id of its stack', () => {
    const groups = getGroups(incident, { type: 'lines' })
    const target = groups.find((g) => g.crashed)!
    const id = getStackStableId(incident, target.stack)
    expect(findGroupByStableId(incident, groups, id)?.key).toBe(target.key)
    expect(findGroupByStableId(incident, groups, 'zzzz')).toBeNull()
  })

  it('finds a frame path from the root, by one function or a whole path', () => {
    expect(names(findFramePath(incident, ['main.serve']))).toEqual(['main.main', 'main.serve'])
    expect(names(findFramePath(incident, ['main.worker', 'main.serve']))).toEqual([
      'main.worker',
      'main.serve',
    ])
    // A path that does not start at a root is not the same flame node.
    expect(findFramePath(incident, ['net.lookup', 'runtime.gopark', 'x'])).toBeNull()
  })

  it('opens the linked group expanded and writes the same link back', () => {
    const crashed = getGroups(incident, { type: 'lines' }).find((g) => g.crashed)!
    const id = getStackStableId(incident, crashed.stack)
    expect(applyDeepLink({ group: id })).toEqual([])
    const s = useIncidentStore.getState()
    expect([...s.expanded]).toEqual([crashed.key])
    expect(s.focusRequest?.destination).toMatchObject({ view: 'stacks', groupKey: crashed.key })
    expect(linkFromState(s)).toEqual({ view: 'stacks', group: id })
  })

  it('reports what the input does not have', () => {
    expect(applyDeepLink({ group: 'nope', frame: 'main.missing' })).toEqual(['group', 'frame'])
  })

  it('zooms the flame view on a linked frame', () => {
    applyDeepLink({ frame: 'main.crash' })
    const s = useIncidentStore.getState()
    expect(s.activeView).toBe('flame')
    expect(names(s.flameFocus as number[])).toEqual(['main.worker', 'main.serve', 'main.crash'])
    expect(linkFromState(s)).toEqual({ view: 'flame', frame: 'main.crash' })
  })

  it("applies the link's transforms before finding its group, and writes them back", () => {
    // Hiding the runtime folds the two main.serve stacks' callers apart from gopark.
    const tf = 'hide:runtime,merge:net.lookup'
    const view = getViewIncident({
      incident,
      transforms: [
        { type: 'hide-kind', kinds: [1] },
        { type: 'merge', func: 'net.lookup' },
      ],
    })!
    const top = getGroups(view, { type: 'lines' })[0]
    expect(top.count).toBe(3)
    const id = getStackStableId(view, top.stack)
    expect(applyDeepLink({ tf, group: id })).toEqual([])
    const s = useIncidentStore.getState()
    expect(s.transforms.map((t) => t.type)).toEqual(['hide-kind', 'merge'])
    expect([...s.expanded]).toEqual([top.key])
    expect(linkFromState(s)).toEqual({ view: 'stacks', tf, group: id })
  })
})
