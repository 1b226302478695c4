import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { createPostmortemState } from '../../model/notes/document'
import {
  KEEP_REVISIONS,
  listPostmortems,
  loadHistory,
  loadPostmortem,
  savePostmortem,
} from './postmortem-db'

const record = (writer: string, title: string, key = 'fp1') => ({
  key,
  names: ['crash.txt'],
  title,
  updatedAt: Date.now(),
  writer,
  state: createPostmortemState(title),
})

describe('saving postmortems', () => {
  it('bumps the revision and reads back what was saved', async () => {
    const first = await savePostmortem(record('tab-a', 'one'), 0)
    expect(first).toMatchObject({ type: 'saved', record: { revision: 1 } })
    const second = await savePostmortem(record('tab-a', 'two'), 1)
    expect(second).toMatchObject({ type: 'saved', record: { revision: 2 } })
    expect((await loadPostmortem('fp1'))!.state.doc.title).toBe('two')
  })

  it('does not let a second tab overwrite the first silently', async () => {
    // Guards against the last writer winning without a word: tab B saved from revision 0.
    await savePostmortem(record('tab-a', 'A', 'fp2'), 0)
    const b = await savePostmortem(record('tab-b', 'B', 'fp2'), 0)
    expect(b).toMatchObject({ type: 'conflict', theirs: { title: 'A', revision: 1 } })
    expect((await loadPostmortem('fp2'))!.state.doc.title).toBe('A')
    // "Keep mine" forces it.
    const forced = await savePostmortem(record('tab-b', 'B', 'fp2'), 1, true)
    expect(forced).toMatchObject({ type: 'saved', record: { revision: 2 } })
    expect((await loadPostmortem('fp2'))!.state.doc.title).toBe('B')
  })

  it('lists the most recent first', async () => {
    await savePostmortem({ ...record('tab-a', 'old', 'fp3'), updatedAt: 1 }, 0)
    const keys = (await listPostmortems()).map((r) => r.key)
    expect(keys.indexOf('fp3')).toBe(keys.length - 1)
  })

  it('keeps the version another writer replaced, and only the last few', async () => {
    // Guards against an import or "Keep mine" making the replaced text unrecoverable.
    await savePostmortem(record('tab-a', 'mine', 'fp4'), 0)
    await savePostmortem(record('bundle', 'imported', 'fp4'), 1, true)
    const history = await loadHistory('fp4')
    expect(history.map((r) => r.title)).toEqual(['mine'])
    expect(history[0].state.doc.title).toBe('mine')
    for (let i = 0; i < KEEP_REVISIONS + 3; i++)
      await savePostmortem(record(`tab-${i}`, `v${i}`, 'fp4'), 2 + i, true)
    const kept = await loadHistory('fp4')
    expect(kept).toHaveLength(KEEP_REVISIONS)
    expect(kept[0].title).toBe(`v${KEEP_REVISIONS + 1}`)
  })

  it('does not keep every keystroke save of one tab', async () => {
    await savePostmortem(record('tab-a', 'a', 'fp5'), 0)
    await savePostmortem(record('tab-a', 'ab', 'fp5'), 1)
    await savePostmortem(record('tab-a', 'abc', 'fp5'), 2)
    expect((await loadHistory('fp5')).map((r) => r.title)).toEqual(['a'])
  })
})
