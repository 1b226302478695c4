/**
 * The lines container tools print when a container ends (docs/formats/container.md):
 * - Docker Compose: `api-1 exited with code 137` (v1: `api_1 exited with code 137`).
 * - `docker events`: `2019-05-04T18:05:44.998251824-05:00 container die 29d7… (exitCode=137,
 *   image=…, name=api)`, also `container oom …` and `container kill … (…, signal=9)`.
 * - `kubectl describe pod`: a `State:` or `Last State:` of `Terminated`, then indented
 *   `Reason:`, `Message:`, `Exit Code:`, `Signal:`, `Started:` and `Finished:` lines, under
 *   the container's name in `Containers:`.
 * Parsed with indexOf on the fixed words; names and ids hold no space.
 */

export type ComposeExit = { name: string; status: number }

export type DockerEvent = {
  action: 'die' | 'oom' | 'kill'
  id: string
  /** The `name=` attribute, else the id. */
  name: string
  status?: number
  /** `kill`'s `signal=` attribute as printed (`9`, `SIGKILL`). */
  signal?: string
}

const COMPOSE_EXIT = ' exited with code '
const DOCKER_ACTIONS = ['die', 'oom', 'kill'] as const
const DOCKER_EVENTS = DOCKER_ACTIONS.map((a) => `container ${a} `)
const TERMINATED = 'Terminated'

/** The fixed texts one of which every line the format opens on holds (RegionFormat.hints). */
export const CONTAINER_HINTS: readonly string[] = [
  COMPOSE_EXIT,
  ...DOCKER_EVENTS,
  'Containers:',
  TERMINATED,
]

/** `api-1 exited with code 137` (its prefix removed), or null. */
export function parseComposeExit(text: string): ComposeExit | null {
  const at = text.indexOf(COMPOSE_EXIT)
  if (at <= 0 || text.lastIndexOf(' ', at - 1) !== -1) return null
  const digits = text.slice(at + COMPOSE_EXIT.length).trimEnd()
  if (!/^\d{1,3}$/.test(digits)) return null
  return { name: text.slice(0, at), status: Number(digits) }
}

/** `container die ID (exitCode=137, …, name=api)` (its time removed), or null. */
export function parseDockerEvent(text: string): DockerEvent | null {
  if (!text.startsWith('container ')) return null
  const action = DOCKER_ACTIONS.find((a) => text.startsWith(a + ' ', 10))
  if (action === undefined) return null
  const idStart = 11 + action.length
  const idEnd = text.indexOf(' (', idStart)
  if (idEnd <= idStart || !text.endsWith(')')) return null
  const id = text.slice(idStart, idEnd)
  if (!/^[0-9a-f]{12,64}$/.test(id)) return null
  const attrs = text.slice(idEnd + 1)
  const exitCode = attribute(attrs, 'exitCode')
  const signal = attribute(attrs, 'signal')
  return {
    action,
    id,
    name: attribute(attrs, 'name') ?? id.slice(0, 12),
    ...(exitCode !== undefined && /^\d+$/.test(exitCode) ? { status: Number(exitCode) } : {}),
    ...(signal !== undefined ? { signal } : {}),
  }
}

/**
 * The value of `key=` among `(a=1, key=v, …)`: Docker prints the attributes sorted by key,
 * each after `(` or `, `, and a value may hold commas of its own (ports as JSON), so the key is
 * searched at those places only, and the value ends at the next `, ` or the closing `)`.
 */
function attribute(attrs: string, key: string): string | undefined {
  for (const lead of ['(', ', ']) {
    let at = attrs.indexOf(lead + key + '=')
    while (at !== -1) {
      const start = at + lead.length + key.length + 1
      let end = attrs.indexOf(', ', start)
      if (end === -1) end = attrs.length - 1
      const value = attrs.slice(start, end)
      if (value !== '') return value
      at = attrs.indexOf(lead + key + '=', start)
    }
  }
  return undefined
}

/** A `kubectl describe` field line: `    Exit Code:    137` -> [indent, key, value]. */
export function parseDescribeField(text: string): [number, string, string] | null {
  const indent = text.length - text.trimStart().length
  const colon = text.indexOf(':', indent)
  if (colon <= indent) return null
  const key = text.slice(indent, colon)
  if (!/^[A-Za-z][A-Za-z ]*$/.test(key)) return null
  return [indent, key, text.slice(colon + 1).trim()]
}

/** Where a line of one of the three kinds starts (its anchor), or -1. */
export function findContainerLine(line: string): number {
  const compose = line.indexOf(COMPOSE_EXIT)
  if (compose > 0) {
    const start = line.lastIndexOf(' ', compose - 1) + 1
    return parseComposeExit(line.slice(start)) ? start : -1
  }
  for (const hint of DOCKER_EVENTS) {
    const at = line.indexOf(hint)
    if (at >= 0) return parseDockerEvent(line.slice(at)) ? at : -1
  }
  if (line.includes(TERMINATED) || line.includes('Containers:')) {
    const field = parseDescribeField(line)
    if (field === null) return -1
    const [indent, key, value] = field
    if ((key === 'Containers' || key === 'Init Containers') && value === '') return indent
    if ((key === 'State' || key === 'Last State') && value === TERMINATED) return indent
  }
  return -1
}
