import type { EventLine } from '../../model/handoff/markdown-blocks'
import { BLOCK_EVENTS } from '../../model/handoff/markdown-blocks'
import type { Incident } from '../../model/types'
import { messageText } from '../../parse/log/message-text'
import { readSourceLines } from '../../parse/source-lines'
import { getSourceBlob } from '../../state/source-blobs'
import { formatTime } from '../format'

const LEVEL_NAMES = ['', 'trace', 'debug', 'info', 'warn', 'error', 'fatal']

/**
 * Events as a Markdown block lists them, in the given order; the text of the first
 * `BLOCK_EVENTS` is read back from their input (the model keeps offsets, not text).
 */
export async function readEventLines(
  incident: Incident,
  order: ArrayLike<number>,
  clock: 'absolute' | 'relative',
  zone: 'utc' | 'local',
): Promise<EventLine[]> {
  const e = incident.events
  const out: EventLine[] = []
  for (let k = 0; k < order.length; k++) {
    const i = order[k]
    const source = incident.sources[e.source[i]]
    let text = e.label[i] >= 0 ? incident.strings[e.label[i]] : ''
    const blob = getSourceBlob(e.source[i])
    if (k < BLOCK_EVENTS && !text && blob && source) {
      const [line] = await readSourceLines(blob, source, e.line[i], 1)
      text = messageText(line ?? '')
    }
    out.push({
      time: formatTime(e.time[i], clock, zone),
      source: source?.name ?? 'input',
      line: e.line[i],
      level: LEVEL_NAMES[e.level[i]] ?? '',
      text,
    })
  }
  return out
}
