import { describe, expect, it } from 'vitest'
import { parseText } from '../../test/incident-snapshot'
import { readSinceBootAfter } from './boot-clock'

describe('readSinceBootAfter', () => {
  it.each([
    [
      'BSD syslog',
      'Nov 22 18:35:01 host kernel: [4838261.071917] usb 1-1: new device',
      15,
      4838261071.917,
    ],
    ['padded seconds', '2024-08-20T17:38:27+00:00 sonic kernel: [   90.864905] x', 25, 90864.905],
    ['a short fraction', 'Nov 22 18:35:01 h kernel: [12.5] x', 15, 12500],
  ])('%s', (_name, line, from, ms) => {
    expect(readSinceBootAfter(line, from)).toBeCloseTo(ms, 3)
  })

  it.each([
    ['another program', 'Nov 22 18:35:01 host sshd[12]: [1.5] x', 15],
    ['no stamp', 'Nov 22 18:35:01 host kernel: usb 1-1: new device', 15],
    ['no fraction', 'Nov 22 18:35:01 host kernel: [12] x', 15],
    ['unclosed', 'Nov 22 18:35:01 host kernel: [12.5 x', 15],
    ['nothing after the date', 'Nov 22 18:35:01', 15],
  ])('NaN for %s', (_name, line, from) => {
    expect(readSinceBootAfter(line, from)).toBeNaN()
  })
})

describe('log lines with both clocks', () => {
  it('note when the machine booted', async () => {
    const incident = await parseText(
      [
        '2026-11-22T18:35:01Z host systemd[1]: Started session 4.',
        '2026-11-22T18:35:02Z host kernel: [ 3600.500000] usb 1-1: new high-speed USB device',
        '2026-11-22T18:35:03Z host kernel: [ 3601.500000] usb 1-1: configured',
      ].join('\n'),
    )
    expect(incident.sources[0].bootClocks).toEqual([
      { wall: Date.UTC(2026, 10, 22, 18, 35, 2), sinceBoot: 3600500, line: 1 },
    ])
    // The lines stay wall-clock events.
    expect([...incident.events.relative]).toEqual([0, 0, 0])
  })
})
