import { startParse, type ParseJob, type ParseRunner, runInWorker } from '../worker/client'
import { setSourceBlobs } from './source-blobs'
import { useIncidentStore } from './store'
import { restorePostmortem, takeBundles } from './persistence/restore'

let current: ParseJob | null = null

/**
 * Parses dropped, picked or pasted files and puts the model in the store. A new load cancels
 * the one in flight. User Timing marks let a harness read `debrief:parse` (drop -> model).
 */
export async function loadFiles(
  files: { name: string; blob: Blob }[],
  run: ParseRunner = runInWorker,
): Promise<void> {
  const inputs = await takeBundles(files)
  if (!inputs) return
  files = inputs
  current?.cancel()
  performance.clearMarks('debrief:drop')
  performance.clearMeasures('debrief:parse')
  performance.clearMeasures('debrief:render')
  performance.mark('debrief:drop')
  const set = useIncidentStore.setState
  set({
    status: {
      type: 'loading',
      names: files.map((f) => f.name),
      bytesRead: 0,
      bytesTotal: files.reduce((n, f) => n + f.blob.size, 0),
    },
    expanded: new Set(),
    snapshot: null,
  })
  const job = startParse(
    files,
    (bytesRead, bytesTotal) => {
      const status = useIncidentStore.getState().status
      if (status.type === 'loading') set({ status: { ...status, bytesRead, bytesTotal } })
    },
    run,
  )
  current = job
  try {
    const { incident, parseMs } = await job.result
    if (current !== job) return
    performance.measure('debrief:parse', 'debrief:drop')
    setSourceBlobs(files.map((f) => f.blob))
    set({
      incident,
      // Log lines alone hold no stacks: the timeline is all there is to see.
      ...(incident.records.length === 0 && incident.events.length > 0
        ? { activeView: 'timeline' as const }
        : {}),
      status: { type: 'done', parseMs },
      search: '',
      timeRange: null,
      focusedEvent: null,
      eventFilter: '',
      eventLevel: 0,
      rawLines: null,
    })
    void restorePostmortem(incident, files)
  } catch (error) {
    if (current !== job) return
    set({
      status: { type: 'error', message: error instanceof Error ? error.message : String(error) },
    })
  } finally {
    if (current === job) current = null
  }
}

/** Stops the parse in flight; the previous incident (if any) stays on screen. */
export function cancelLoad(): void {
  current?.cancel()
  current = null
  const { incident } = useIncidentStore.getState()
  useIncidentStore.setState({ status: incident ? { type: 'done', parseMs: 0 } : { type: 'idle' } })
}
