/**
 * The Timeline section written from the data: the header's key times, the team's markers and
 * the pinned events and ranges, in time order, in UTC, under one heading per date. The result
 * is ordinary Markdown the team edits afterwards.
 */
import type { Milliseconds } from '../types'
import { formatDuration } from './document'
import { pinReference } from './postmortem'
import type { PostmortemState } from './types'

type Entry = { time: Milliseconds; text: string; order: number; approx?: boolean }

const keyTimes = [
  ['impactStart', 'Impact started'],
  ['detected', 'Detected'],
  ['mitigated', 'Mitigated'],
  ['resolved', 'Resolved'],
] as const

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Markdown for the Timeline section; '' when there is nothing with a time. */
export function computeTimelineSection(state: PostmortemState): string {
  const entries: Entry[] = []
  const relative: Entry[] = []
  let order = 0
  for (const [key, label] of keyTimes) {
    const time = state.doc.times[key]
    if (time !== null) entries.push({ time, text: `**${label}**`, order: order++ })
  }
  for (const m of state.markers) {
    entries.push({ time: m.time, text: `**${capitalise(m.kind)}**: ${m.label}`, order: order++ })
  }
  for (const pin of state.pins) {
    const t = pin.target
    if (t.type === 'event' && t.time !== null) {
      const text = `${t.text ? `${oneLine(t.text)} ` : ''}(${pinReference(pin)})`
      ;(t.relative ? relative : entries).push({
        time: t.time,
        text,
        order: order++,
        ...(t.approx ? { approx: true } : {}),
      })
    } else if (t.type === 'range') {
      entries.push({
        time: t.start,
        text: `${t.label ? `${oneLine(t.label)} ` : ''}for ${formatDuration(t.end - t.start)} (${pinReference(pin)})`,
        order: order++,
      })
    }
  }
  // Stable within equal times: key times, then markers, then pins, as the team added them.
  entries.sort((a, b) => a.time - b.time || a.order - b.order)
  relative.sort((a, b) => a.time - b.time || a.order - b.order)

  const out: string[] = []
  let date = ''
  for (const e of entries) {
    const iso = new Date(e.time).toISOString()
    if (iso.slice(0, 10) !== date) {
      date = iso.slice(0, 10)
      out.push(`${out.length ? '\n' : ''}### ${date} (UTC)\n`)
    }
    // ≈: no line dates it; the time is the last dated line's before it.
    out.push(`- ${e.approx ? '≈' : ''}${iso.slice(11, 19)} ${e.text}`)
  }
  if (relative.length) {
    out.push(`${out.length ? '\n' : ''}### Since boot or process start\n`)
    for (const e of relative) {
      out.push(`- ${e.approx ? '≈' : ''}+${(e.time / 1000).toFixed(3)} s ${e.text}`)
    }
  }
  return out.join('\n')
}

function oneLine(text: string): string {
  // Line by line rather than /\s*\n\s*/g, which is quadratic on long runs of spaces.
  return text
    .split('\n')
    .map((line) => line.trim())
    .join(' ')
    .trim()
}
