import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { createPostmortemState } from '../../model/notes/document'
import { listPostmortems, loadPostmortem, savePostmortem } from './postmortem-db'

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
})
