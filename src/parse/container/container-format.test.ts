import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Incident } from '../../model/types'
import { checkIncidentSnapshot, parseText } from '../../test/incident-snapshot'
import { findContainerLine, parseComposeExit, parseDockerEvent } from './container-lines'

const fixture = (name: string) => join(__dirname, '__fixtures__', name)
const read = (name: string) => readFileSync(fixture(name), 'utf8')

/** Records per container, as the one frame of each record names it. */
/** The timeline's event labels. */
const labelsOf = (incident: Incident) =>
  [...incident.events.label].map((s) => incident.strings[s] ?? '')

function recordsByContainer(incident: Incident): Map<string, number> {
  const r = incident.records
  const out = new Map<string, number>()
  for (let i = 0; i < r.length; i++) {
    const name = incident.strings[incident.frames.func[incident.stacks.frame[r.stack[i]]]]
    out.set(name, (out.get(name) ?? 0) + r.count[i])
  }
  return out
}

describe('container lines', () => {
  it('reads Compose exits and refuses look-alikes', () => {
    expect(parseComposeExit('api-1 exited with code 137')).toEqual({ name: 'api-1', status: 137 })
    expect(parseComposeExit('api_1 exited with code 0')).toEqual({ name: 'api_1', status: 0 })
    expect(parseComposeExit('the job exited with code 3')).toBeNull()
    expect(parseComposeExit('api-1 exited with code 137 after 3s')).toBeNull()
  })

  it('reads docker events with their attributes, commas inside values too', () => {
    const line =
      'container die 4f6b1c2d9e8a (a=[{"x":1,"y":2}], exitCode=139, image=api:1, name=api-1)'
    expect(parseDockerEvent(line)).toEqual({
      action: 'die',
      id: '4f6b1c2d9e8a',
      name: 'api-1',
      status: 139,
    })
    expect(parseDockerEvent('container kill 4f6b1c2d9e8a (name=a, signal=9)')).toMatchObject({
      signal: '9',
    })
    // Not one of the actions read, or not an id.
    expect(parseDockerEvent('container start 4f6b1c2d9e8a (name=a)')).toBeNull()
    expect(parseDockerEvent('container die soon (name=a)')).toBeNull()
  })

  it('anchors after a log prefix', () => {
    const line = '2026-12-07T10:00:04.118Z container oom 4f6b1c2d9e8a (name=api)'
    expect(line.slice(findContainerLine(line))).toMatch(/^container oom/)
    expect(findContainerLine('    Last State:     Terminated')).toBe(4)
    expect(findContainerLine('    State:          Running')).toBe(-1)
  })
})

describe('container format', () => {
  it('makes each Compose exit a crash, a stop or an event, as its code says', async () => {
    const name = 'compose-restart-loop.txt'
    const incident = await checkIncidentSnapshot(fixture(name))
    const exits = [...read(name).matchAll(/^(\S+) exited with code (\d+)$/gm)]
    // 128 + a fatal signal, or a failing status, is a crash; 0 and 143 (SIGTERM) are not.
    const crashing = exits.filter(([, , code]) => code !== '0' && code !== '143')
    const crashes = incident.crashes.filter((c) => c.format === 'container')
    expect(crashes.map((c) => c.message)).toEqual(
      crashing.map(([, name, code]) =>
        code === '137' ? `${name}: killed by SIGKILL (exit 137)` : `${name}: exited ${code}`,
      ),
    )
    const perContainer = new Map<string, number>()
    for (const [, name] of crashing) perContainer.set(name, (perContainer.get(name) ?? 0) + 1)
    const containerRecords = new Map(
      [...recordsByContainer(incident)].filter(([name]) => perContainer.has(name)),
    )
    expect(containerRecords).toEqual(perContainer)
    // The Go panic keeps its goroutine, and the exit line after its last frame is not its.
    expect(incident.crashes.some((c) => c.format === 'go')).toBe(true)
    // Every exit is on the timeline, the clean and the stopped too.
    const labels = labelsOf(incident)
    for (const [, name, code] of exits)
      expect(labels.some((l) => l.startsWith(`${name}: `) && l.includes(code))).toBe(true)
  })

  it('explains a docker die by the oom event before it', async () => {
    const name = 'docker-events-die-oom.txt'
    const incident = await checkIncidentSnapshot(fixture(name))
    const dies = [...read(name).matchAll(/container die \S+ \(.*exitCode=(\d+).*name=([^,)]+)/g)]
    const crashes = incident.crashes.filter((c) => c.format === 'container')
    // 143 is docker stop's SIGTERM: not a crash.
    expect(crashes.map((c) => c.line)).toEqual(
      dies
        .filter(([, code]) => code !== '143')
        .map((m) => read(name).slice(0, m.index).split('\n').length - 1),
    )
    expect(crashes[0]).toMatchObject({ kind: 'oom kill', signal: 'SIGKILL' })
    expect(crashes[0].message).toBe('shop-api-1: OOM killed (exit 137)')
    expect(crashes[1]).toMatchObject({ kind: 'killed', signal: 'SIGSEGV' })
    // The time is the event's own.
    expect(new Date(crashes[0].time!).toISOString()).toBe('2026-12-07T10:00:04.411Z')
  })

  it('reads a pod description: the container, its Last State and its restarts', async () => {
    const name = 'kubectl-describe-pod-oomkilled.txt'
    const incident = await checkIncidentSnapshot(fixture(name))
    const text = read(name)
    const terminated = text.match(/State:\s+Terminated/g)!.length
    expect(terminated).toBe(2)
    // The init container Completed with 0: an event, not a crash.
    const crashes = incident.crashes.filter((c) => c.format === 'container')
    expect(crashes).toHaveLength(1)
    const code = /Reason:\s+OOMKilled\n\s+Exit Code:\s+(\d+)/.exec(text)![1]
    const finished = /OOMKilled[\s\S]*?Finished:\s+(.+)/.exec(text)![1]
    const restarts = /OOMKilled[\s\S]*?Restart Count:\s+(\d+)/.exec(text)![1]
    expect(crashes[0]).toMatchObject({
      kind: 'oom kill',
      message: `api: OOM killed (exit ${code})`,
      time: Date.parse(finished),
    })
    expect(crashes[0].details).toContain(`restart count ${restarts}`)
    expect(recordsByContainer(incident)).toEqual(new Map([['api', 1]]))
    expect(labelsOf(incident)).toContain('migrate: exited 0')
  })

  it('reads a Last State pasted alone, and keeps a reason the state does not say', async () => {
    const alone = await checkIncidentSnapshot(fixture('kubectl-last-state-oomkilled-excerpt.txt'))
    expect(alone.crashes.map((c) => c.message)).toEqual(['container: OOM killed (exit 137)'])
    expect(alone.crashes[0].time).toBe(Date.parse('2023-09-15T07:56:17Z'))
    const unknown = await checkIncidentSnapshot(
      fixture('kubectl-container-status-unknown-excerpt.txt'),
    )
    expect(unknown.crashes.map((c) => c.message)).toEqual([
      'container: killed by SIGKILL (exit 137, ContainerStatusUnknown)',
    ])
    // Year 1: the container never ran, so there is no time.
    expect(unknown.crashes[0].time).toBeUndefined()
    expect(unknown.crashes[0].details).toContain(
      'The container could not be located when the pod was deleted.  The container used to be Running',
    )
  })

  it('ends a Last State pasted alone with its block, leaving the prose after it', async () => {
    const block = read('kubectl-last-state-oomkilled-excerpt.txt').trimEnd()
    const incident = await parseText(
      block + '\nthe pod came back after five minutes\nno alert fired\n',
    )
    const blockLines = block.split('\n').length
    expect(incident.sources[0].regions).toEqual([
      { format: 'container', firstLine: 0, lastLine: blockLines - 1 },
    ])
    expect(incident.sources[0].unrecognizedLines).toBe(2)
  })

  it.each<[string, string]>([
    ['a line that only mentions an exit', 'the job exited with code 3 earlier'],
    ['a running state', '    State:          Running'],
    ['a docker start', 'container start 4f6b1c2d9e8a (name=a)'],
  ])('leaves %s to the log', async (_name, line) => {
    const incident = await parseText(line + '\n')
    expect(incident.crashes).toHaveLength(0)
    expect(incident.sources[0].regions.every((r) => r.format !== 'container')).toBe(true)
  })
})
