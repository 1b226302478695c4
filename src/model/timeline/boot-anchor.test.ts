import { describe, expect, it } from 'vitest'
import { IncidentBuilder } from '../builder'
import { EventKind } from '../types'
import { suggestBootTime } from './boot-anchor'

const BOOT = Date.UTC(2026, 10, 22, 17, 0, 0)

describe('suggestBootTime', () => {
  it('anchors a raw dmesg with the syslog line that printed both clocks', () => {
    const b = new IncidentBuilder()
    b.beginSource('dmesg.txt', 1, 'd')
    b.addEvent({ time: 3_583_482, relative: true, kind: EventKind.segfault, line: 0 })
    b.beginSource('syslog', 1, 's')
    b.addEvent({ time: BOOT + 3_600_500, kind: EventKind.log, line: 7 })
    b.noteBootClock(BOOT + 3_600_500, 3_600_500, 7)
    const incident = b.build()
    expect(suggestBootTime(incident, 0)).toEqual({ bootTimeMs: BOOT, source: 1, line: 7 })
    // The syslog itself has no since-boot times to anchor.
    expect(suggestBootTime(incident, 1)).toBeNull()
  })

  it('prefers the boot whose uptime is nearest, and the same source', () => {
    const b = new IncidentBuilder()
    b.beginSource('mixed.log', 1, 'm')
    b.addEvent({ time: 90_000, relative: true, kind: EventKind.segfault, line: 3 })
    b.noteBootClock(BOOT + 10_000, 10_000, 0)
    // A later boot, 5 hours on, whose line says 80 s since boot.
    b.noteBootClock(BOOT + 5 * 3_600_000 + 80_000, 80_000, 9)
    b.beginSource('other.log', 1, 'o')
    b.noteBootClock(BOOT + 7_000_000 + 90_000, 90_000, 2)
    const incident = b.build()
    expect(suggestBootTime(incident, 0)).toEqual({
      bootTimeMs: BOOT + 5 * 3_600_000,
      source: 0,
      line: 9,
    })
  })

  it('proposes nothing when no line printed both clocks', () => {
    const b = new IncidentBuilder()
    b.beginSource('dmesg.txt', 1, 'd')
    b.addEvent({ time: 1000, relative: true, kind: EventKind.log, line: 0 })
    expect(suggestBootTime(b.build(), 0)).toBeNull()
  })
})
