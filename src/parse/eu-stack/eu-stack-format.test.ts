import { describe, expect, it } from 'vitest'
import { RecordFlag } from '../../model/types'
import { checkIncidentSnapshot, parseText } from '../../test/incident-snapshot'
import {
  checkNeverThrows,
  recordFrameKinds,
  recordFrames,
  stringOrNull,
} from '../../test/native-stacks'
import { euStackFormat } from './eu-stack-format'
import { formatFixtures } from '../../test/format-fixtures'

const { names: fixtures, path: fixture } = formatFixtures(__dirname)

describe('eu-stack fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const incident = await checkIncidentSnapshot(fixture(name))
    expect(incident.sources[0].regions.map((r) => r.format)).toEqual(['eu-stack'])
  })
})

describe('eu-stack samples', () => {
  it('reads a core: one record per TID, the first one faulted, sources attached', async () => {
    const incident = await checkIncidentSnapshot(fixture('core-source-inlines.txt'))
    const r = incident.records
    // Five `TID n:` lines, in kernel order.
    expect(Array.from(r.id)).toEqual([25233, 25232, 25230, 25229, 25231])
    expect(r.flags[0] & RecordFlag.crashed).toBe(RecordFlag.crashed)
    expect(incident.crashes[0]).toMatchObject({ format: 'eu-stack', threadId: 25233, record: 0 })
    const frames = recordFrames(incident, 0)
    expect(frames[0]).toBe(
      '__memmove_avx512_unaligned_erms@../sysdeps/x86_64/multiarch/memmove-vec-unaligned-erms.S:273',
    )
    expect(frames[1]).toBe('unknown')
    expect(frames[3]).toBe(
      'deflate_flush_or_finish@/srv/incident-lab/native/runs0/.build/crash_zlib.c:67',
    )
    expect(recordFrameKinds(incident, 0)[0]).toBe('stdlib')
    expect(stringOrNull(incident, r.state[1])).toBe('sleep')
  })

  it('reads -v -m module names and the adjusted-pc marker, with no crash for a live process', async () => {
    const incident = await checkIncidentSnapshot(fixture('attach-p-source-module-verbose.txt'))
    expect(incident.records.length).toBe(5)
    expect(incident.crashes).toEqual([])
    expect(recordFrames(incident, 0)[2]).toBe(
      '__pthread_clockjoin_ex@./nptl/pthread_join_common.c:102',
    )
    expect(recordFrameKinds(incident, 0)[2]).toBe('stdlib libc.so.6')
    expect(recordFrameKinds(incident, 0)[3]).toBe('app crash_zlib')
    expect(stringOrNull(incident, incident.records.state[0])).toBe('join')
  })
})

const DUMP =
  'PID 7 - process\nTID 7:\n#0  0x00007f01 epoll_wait\n#1  0x00005501 main\n    /src/m.c:9:2'

describe('eu-stack edge cases', () => {
  it.each([
    ['empty', '', 0, 0],
    ['only junk', 'PID: 7\nTID 7\n#0 0x1', 0, 0],
    ['CRLF', DUMP.replace(/\n/g, '\r\n'), 1, 2],
    ['a prefix on every line', DUMP.replace(/^/gm, 'host1 | '), 1, 2],
    ['truncated last line', DUMP.slice(0, -6), 1, 2],
  ])('%s', async (_name, text, records, frames) => {
    const incident = await parseText(text)
    expect(incident.records.length).toBe(records)
    if (records) expect(recordFrames(incident, 0)).toHaveLength(frames)
  })

  it('never throws and is deterministic', async () => {
    await checkNeverThrows([euStackFormat], fixtures.map(fixture))
  })
})
