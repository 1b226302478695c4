import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseFixture } from '../../test/incident-snapshot'
import { emptyTableMessage } from './empty-table'

const fixture = (dir: string, name: string) =>
  join(__dirname, '..', '..', 'parse', dir, '__fixtures__', name)

describe('emptyTableMessage', () => {
  it("points at a Go crash's runtime stack rather than saying the input has no stack", async () => {
    const path = fixture('go', 'issue-bosun-7-go12-log-lines-then-overflow.txt')
    const lines = readFileSync(path, 'utf8').split('\n')
    // The frames of the runtime stack: function lines between `runtime stack:` and the end.
    const frames = lines
      .slice(lines.indexOf('runtime stack:') + 1)
      .filter((l) => /^\S+\(.*\)$/.test(l)).length
    const incident = await parseFixture(path)
    expect(incident.records.length).toBe(0)
    const message = emptyTableMessage(incident)
    expect(message).toContain(`runtime stack (${frames} frames)`)
    expect(message).toContain(`${incident.events.length} events are in the Timeline`)
    expect(message).not.toContain('holds no stacks')
  })

  it('says an input of log lines alone holds no stacks, and where its events are', async () => {
    const incident = await parseFixture(fixture('log', 'go-logrus.txt'))
    expect(incident.records.length).toBe(0)
    expect(emptyTableMessage(incident)).toBe(
      `This input holds no stacks: its ${incident.events.length.toLocaleString('en-US')} events are in the Timeline.`,
    )
  })
})
