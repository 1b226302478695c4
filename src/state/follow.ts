/**
 * Follow-along on one machine: the presenter's window (on the laptop) and an audience window
 * (on the projector) talk over a BroadcastChannel. The audience window asks for the inputs,
 * gets them as Blobs (same origin, nothing leaves the machine), parses them itself, and then
 * follows every step.
 */
import { getSourceBlob } from './source-blobs'
import { loadFiles } from './load'
import { useIncidentStore } from './store'

type Message =
  | { type: 'hello' }
  | { type: 'inputs'; files: { name: string; blob: Blob }[]; step: number }
  | { type: 'step'; step: number }
  | { type: 'stop' }

const CHANNEL = 'debrief-present'
/** The fragment key that makes a window an audience window. */
export const FOLLOW_PARAM = 'follow'

let channel: BroadcastChannel | null = null

function open(onMessage: (m: Message) => void): BroadcastChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null
  channel?.close()
  channel = new BroadcastChannel(CHANNEL)
  channel.onmessage = (e: MessageEvent<Message>) => onMessage(e.data)
  return channel
}

/** The presenter: answers audience windows and sends every step. Returns a stop function. */
export function startPresenterChannel(): () => void {
  const ch = open((m) => {
    const s = useIncidentStore.getState()
    if (m.type !== 'hello' || !s.incident || !s.presenting) return
    const files = s.incident.sources.flatMap((src, i) => {
      const blob = getSourceBlob(i)
      return blob ? [{ name: src.name, blob }] : []
    })
    ch?.postMessage({ type: 'inputs', files, step: s.presenting.step } satisfies Message)
  })
  const unsubscribe = useIncidentStore.subscribe((s, prev) => {
    if (s.presenting && s.presenting.step !== prev.presenting?.step)
      ch?.postMessage({ type: 'step', step: s.presenting.step } satisfies Message)
  })
  return () => {
    unsubscribe()
    ch?.postMessage({ type: 'stop' } satisfies Message)
    ch?.close()
    if (channel === ch) channel = null
  }
}

/** The audience window: asks the presenter for the inputs and follows its steps. */
export function startAudience(): void {
  const ch = open((m) => {
    const store = useIncidentStore.getState()
    switch (m.type) {
      case 'inputs':
        void loadFiles(m.files).then(() =>
          useIncidentStore.getState().startPresenting(true, m.step),
        )
        return
      case 'step':
        store.setPresentStep(m.step)
        return
      case 'stop':
        store.stopPresenting()
        return
      case 'hello':
        return
    }
  })
  if (!ch) {
    useIncidentStore
      .getState()
      .setShareError('This browser cannot link two windows (no BroadcastChannel).')
    return
  }
  ch.postMessage({ type: 'hello' } satisfies Message)
}

/** Opens the audience window (drag it to the projector and make it full screen). */
export function openAudienceWindow(): void {
  const url = `${location.href.split('#')[0]}#${FOLLOW_PARAM}=1`
  window.open(url, 'debrief-audience', 'popup,width=1280,height=800')
}
