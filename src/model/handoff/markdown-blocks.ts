/**
 * Evidence as a Markdown block ready for a ticket: a line of figures, where it was read, and
 * a fenced code block of the stack or the lines. The figures are the model's own (the same
 * the table and the timeline show), so a ticket quotes what the input says.
 */
import type { Group } from '../group'
import { leakWeightText } from '../record-noun'
import { getFrameFunc, getFrameLocation, getStackFrames } from '../stacks'
import type { Incident, IndexIntoFrameTable } from '../types'
import { NONE } from '../types'

const count = new Intl.NumberFormat('en-US')

/** A fence longer than any run of backticks in the text, so nothing inside can close it. */
export function fenced(lines: readonly string[], info = 'text'): string {
  const longest = Math.max(
    2,
    ...lines.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length))),
  )
  const fence = '`'.repeat(longest + 1)
  return [`${fence}${info}`, ...lines, fence].join('\n')
}

/** Text that sits outside the fence is one line, with Markdown's own characters escaped. */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`)
}

/** `func  file:line` lines, as tools print a stack. */
function frameLines(incident: Incident, frames: readonly IndexIntoFrameTable[]): string[] {
  return frames.map((f) => {
    const location = getFrameLocation(incident, f)
    return location ? `${getFrameFunc(incident, f)}  ${location}` : getFrameFunc(incident, f)
  })
}

/** `3` or `3–27` minutes. */
function minutes([min, max]: [number, number]): string {
  return min === max ? `${min} ${min === 1 ? 'minute' : 'minutes'}` : `${min}–${max} minutes`
}

/** Where a group's records were read: `dump.txt line 1,042` (1-based), and how many more. */
function recordPlaces(incident: Incident, group: Group, shown = 5): string {
  const bySource = new Map<number, number[]>()
  for (const r of group.records) {
    const source = incident.records.source[r]
    if (source === NONE) continue
    const lines = bySource.get(source) ?? []
    lines.push(incident.records.line[r] + 1)
    bySource.set(source, lines)
  }
  return [...bySource]
    .map(([source, lines]) => {
      const list = lines.slice(0, shown).map((l) => count.format(l))
      const more = lines.length - list.length
      const name = incident.sources[source]?.name ?? 'input'
      return `${inline(name)} ${lines.length === 1 ? 'line' : 'lines'} ${list.join(', ')}${more > 0 ? ` and ${count.format(more)} more` : ''}`
    })
    .join('; ')
}

/**
 * A group of the Stacks table: how many records (`noun`: goroutines, threads …), their
 * states and waits, where they were read, and the group's stack leaf first, with its
 * `created by` site.
 */
export function groupMarkdown(incident: Incident, group: Group, noun: string): string {
  const states = group.states.map((s) => `${inline(s.state)} ×${count.format(s.weight)}`)
  const facts = [
    `**${count.format(group.count)} ${noun}** in \`${group.label.replace(/`/g, "'")}\``,
    ...(states.length ? [states.join(', ')] : []),
    ...(group.waitMinutes ? [`waiting ${minutes(group.waitMinutes)}`] : []),
    ...(group.bytes > 0 ? [leakWeightText(group.bytes, group.allocations, count.format)] : []),
    ...(group.crashed ? ['holds the crash'] : []),
  ]
  const first = group.records[0]
  const createdBy = first === undefined ? NONE : incident.records.createdBy[first]
  const stack = [
    ...(group.stack === NONE ? [] : frameLines(incident, getStackFrames(incident, group.stack))),
    ...(createdBy === NONE
      ? []
      : [`created by ${frameLines(incident, getStackFrames(incident, createdBy).slice(0, 1))[0]}`]),
  ]
  const places = recordPlaces(incident, group)
  return [facts.join(' · '), ...(places ? [`Read from ${places}.`] : []), '', fenced(stack)].join(
    '\n',
  )
}

/**
 * A frame selected in the flame graph, with its callers from the root; `weight` is what
 * passes through it as the graph states it (`2,002 goroutines`, `3.2 MB of bytes`).
 */
export function frameMarkdown(
  incident: Incident,
  path: readonly IndexIntoFrameTable[],
  weight: string,
  groups: number,
): string {
  const leaf = path[path.length - 1]
  const location = getFrameLocation(incident, leaf)
  const head = [
    `**${inline(getFrameFunc(incident, leaf))}**${location ? ` (${inline(location)})` : ''}`,
    `${inline(weight)} through it`,
    `${count.format(groups)} ${groups === 1 ? 'group' : 'groups'}`,
  ]
  // Root first, indented by depth: the call path as the flame graph draws it.
  const lines = frameLines(incident, path).map((line, depth) => `${'  '.repeat(depth)}${line}`)
  return [head.join(' · '), '', fenced(lines)].join('\n')
}

/** One event as a block lists it; `text` is its line as read back from the input. */
export type EventLine = {
  time: string
  source: string
  /** 0-based, as the model keeps it. */
  line: number
  level: string
  text: string
}

/** At most this many events are written into a block; the rest are counted. */
export const BLOCK_EVENTS = 100

/**
 * Events (a brushed range, or one event) with their times, inputs, line numbers and levels,
 * then the lines of the first `BLOCK_EVENTS` (the others' `text` is not read). `range` is
 * how the timeline names the range: `from 10:35 to 12:20 UTC`.
 */
export function eventsMarkdown(events: readonly EventLine[], range: string): string {
  const total = events.length
  const levels = new Map<string, number>()
  for (const e of events) if (e.level) levels.set(e.level, (levels.get(e.level) ?? 0) + 1)
  const bySource = new Map<string, number[]>()
  for (const e of events) {
    const lines = bySource.get(e.source) ?? []
    lines.push(e.line + 1)
    bySource.set(e.source, lines)
  }
  const head = [
    `**${count.format(total)} ${total === 1 ? 'event' : 'events'}** ${inline(range)}`,
    ...(levels.size
      ? [[...levels].map(([level, n]) => `${count.format(n)} ${level}`).join(', ')]
      : []),
  ]
  const places = [...bySource].map(([source, lines]) => {
    // A loop, not Math.min(...lines): a range may hold more events than a call takes arguments.
    let min = Infinity
    let max = -Infinity
    for (const l of lines) {
      min = Math.min(min, l)
      max = Math.max(max, l)
    }
    return `${inline(source)} ${min === max ? `line ${count.format(min)}` : `lines ${count.format(min)}–${count.format(max)}`}`
  })
  const shown = events.slice(0, BLOCK_EVENTS)
  const lines = shown.map((e) =>
    [e.time, `${e.source}:${e.line + 1}`, e.level.padEnd(5), e.text.replace(/\s+/g, ' ').trim()]
      .filter((part) => part !== '')
      .join('  '),
  )
  const more = total - shown.length
  return [
    head.join(' · '),
    ...(places.length ? [`Read from ${places.join('; ')}.`] : []),
    '',
    fenced(lines),
    ...(more > 0 ? ['', `… and ${count.format(more)} more events in the range.`] : []),
  ].join('\n')
}
