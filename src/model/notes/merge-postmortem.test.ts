import { describe, expect, it } from 'vitest'
import { addSection, createPostmortemState, findSection, updateSection } from './document'
import { mergePostmortems } from './merge-postmortem'
import type { PostmortemState } from './types'

const base = createPostmortemState('DNS outage')
function edit(state: PostmortemState, kind: 'summary' | 'impact', body: string): PostmortemState {
  const id = findSection(state.doc, kind)!.id
  return { ...state, doc: updateSection(state.doc, id, { body }) }
}
const body = (s: PostmortemState, kind: 'summary' | 'impact') => findSection(s.doc, kind)!.body

describe('merging two edits of a postmortem by section', () => {
  it('keeps both when the sections differ', () => {
    // Guards against "Keep mine" in one tab reverting another tab's edit of another section.
    const mine = edit(base, 'summary', 'resolver pool exhausted')
    const theirs = edit(base, 'impact', '40% of lookups failed')
    const { merged, conflicts } = mergePostmortems(base, mine, theirs)
    expect(conflicts).toEqual([])
    expect(body(merged, 'summary')).toBe('resolver pool exhausted')
    expect(body(merged, 'impact')).toBe('40% of lookups failed')
  })

  it('keeps the transform stack of the side that changed it', () => {
    // Guards against a merge between tabs dropping the saved transforms.
    const mine = { ...edit(base, 'summary', 'x'), transforms: 'hide:stdlib' }
    const theirs = edit(base, 'impact', 'y')
    expect(mergePostmortems(base, mine, theirs).merged.transforms).toBe('hide:stdlib')
    expect(mergePostmortems(base, theirs, mine).merged.transforms).toBe('hide:stdlib')
    expect(mergePostmortems(mine, theirs, mine).merged.transforms).toBeUndefined()
  })

  it('names the section both changed and keeps mine there', () => {
    const mine = edit(edit(base, 'summary', 'A'), 'impact', 'mine only')
    const theirs = edit(base, 'summary', 'B')
    const { merged, conflicts } = mergePostmortems(base, mine, theirs)
    expect(conflicts).toEqual(['section “Summary”'])
    expect(body(merged, 'summary')).toBe('A')
    expect(body(merged, 'impact')).toBe('mine only')
  })

  it('merges header fields one by one', () => {
    const mine = { ...base, doc: { ...base.doc, owner: 'ana' } }
    const theirs = { ...base, doc: { ...base.doc, title: 'DNS outage, 5 March' } }
    const { merged, conflicts } = mergePostmortems(base, mine, theirs)
    expect(conflicts).toEqual([])
    expect(merged.doc.owner).toBe('ana')
    expect(merged.doc.title).toBe('DNS outage, 5 March')
  })

  it('keeps a section the other side added, after its neighbour', () => {
    const mine = edit(base, 'summary', 'A')
    const theirs = { ...base, doc: addSection(base.doc, 'Vendor follow-up') }
    const { merged, conflicts } = mergePostmortems(base, mine, theirs)
    expect(conflicts).toEqual([])
    expect(merged.doc.sections.map((s) => s.title)).toEqual(theirs.doc.sections.map((s) => s.title))
    expect(body(merged, 'summary')).toBe('A')
  })

  it('drops a section the other side removed, unless it was changed here', () => {
    const withCustom = { ...base, doc: addSection(base.doc, 'Scratch') }
    const custom = withCustom.doc.sections.find((s) => s.title === 'Scratch')!
    const removed = {
      ...withCustom,
      doc: { ...withCustom.doc, sections: withCustom.doc.sections.filter((s) => s !== custom) },
    }
    const untouched = mergePostmortems(withCustom, edit(withCustom, 'summary', 'A'), removed)
    expect(untouched.merged.doc.sections.some((s) => s.id === custom.id)).toBe(false)
    const changed = {
      ...withCustom,
      doc: updateSection(withCustom.doc, custom.id, { body: 'still needed' }),
    }
    const kept = mergePostmortems(withCustom, changed, removed)
    expect(kept.conflicts).toEqual(['section “Scratch” (removed elsewhere)'])
    expect(kept.merged.doc.sections.find((s) => s.id === custom.id)?.body).toBe('still needed')
  })

  it('keeps markers added on both sides', () => {
    const marker = (id: string, label: string) => ({
      id,
      time: 1,
      label,
      kind: 'trigger' as const,
    })
    const mine = { ...base, markers: [marker('m1', 'deploy')] }
    const theirs = { ...base, markers: [marker('m2', 'pager')] }
    const { merged, conflicts } = mergePostmortems(base, mine, theirs)
    expect(conflicts).toEqual([])
    expect(merged.markers.map((m) => m.label)).toEqual(['deploy', 'pager'])
  })
})
