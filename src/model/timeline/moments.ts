import type { Incident, Milliseconds } from '../types'
import { EventKind, NONE } from '../types'

/** A crash or a restart: drawn as a labelled vertical line across the timeline's charts. */
export type Moment = {
  time: Milliseconds
  kind: 'crash' | 'restart'
  label: string
  /** No line dates it: its time is the last dated line's before it (shown with ≈). */
  approx: boolean
  /** Index into the event table. */
  event: number
}

/**
 * Events whose time is approximate: crash events of crashes no line dates (`timeApprox`),
 * matched by source and line.
 */
export function computeApproxEvents(incident: Incident): Set<number> {
  const approxLines = new Set<string>()
  for (const c of incident.crashes) if (c.timeApprox) approxLines.add(`${c.source}:${c.line}`)
  const out = new Set<number>()
  if (approxLines.size === 0) return out
  const { kind, source, line, length } = incident.events
  for (let i = 0; i < length; i++) {
    if (!isCrashKind(kind[i])) continue
    if (approxLines.has(`${source[i]}:${line[i]}`)) out.add(i)
  }
  return out
}

/** Whether one event's time is approximate (see `computeApproxEvents`). */
export function isApproxEvent(incident: Incident, event: number): boolean {
  const { kind, source, line } = incident.events
  if (!isCrashKind(kind[event])) return false
  return incident.crashes.some(
    (c) => c.timeApprox === true && c.source === source[event] && c.line === line[event],
  )
}

/** Crashes (crash, signal, segfault events) and restarts on one clock, in time order. */
export function computeMoments(incident: Incident, clock: 'absolute' | 'relative'): Moment[] {
  const approx = computeApproxEvents(incident)
  const { time, relative, kind, label, length } = incident.events
  const want = clock === 'relative' ? 1 : 0
  const out: Moment[] = []
  for (let i = 0; i < length; i++) {
    const k = kind[i]
    const crash = isCrashKind(k)
    if ((!crash && k !== EventKind.restart) || relative[i] !== want || Number.isNaN(time[i])) {
      continue
    }
    out.push({
      time: time[i],
      kind: crash ? 'crash' : 'restart',
      label: label[i] === NONE ? (crash ? 'crash' : 'restart') : incident.strings[label[i]],
      approx: approx.has(i),
      event: i,
    })
  }
  return out.sort((a, b) => a.time - b.time || a.event - b.event)
}

function isCrashKind(k: number): boolean {
  return k === EventKind.crash || k === EventKind.signal || k === EventKind.segfault
}
