import type { Incident } from '../model/types'
import type { FromWorker, ToWorker } from './protocol'

export type ParseJob = {
  /** Resolves with the model, rejects with a readable message; never settles after cancel. */
  result: Promise<{ incident: Incident; parseMs: number }>
  cancel(): void
}

export type ProgressListener = (bytesRead: number, bytesTotal: number) => void

/** Runs one parse message somewhere (a Worker in the app, in-process in tests). */
export type ParseRunner = (
  message: ToWorker,
  onReply: (reply: FromWorker) => void,
) => { terminate(): void }

let nextJobId = 1

/**
 * Starts parsing files. Cancel terminates the worker: a synchronous parse cannot be
 * interrupted by a message, and a fresh worker per job leaks nothing.
 */
export function startParse(
  files: { name: string; blob: Blob }[],
  onProgress: ProgressListener,
  run: ParseRunner = runInWorker,
): ParseJob {
  const jobId = nextJobId++
  let settled = false
  let handle: { terminate(): void } | null = null
  const result = new Promise<{ incident: Incident; parseMs: number }>((resolve, reject) => {
    handle = run({ type: 'parse', jobId, files }, (reply) => {
      if (settled || reply.jobId !== jobId) return
      switch (reply.type) {
        case 'progress':
          onProgress(reply.bytesRead, reply.bytesTotal)
          return
        case 'done':
          settled = true
          handle?.terminate()
          resolve({ incident: reply.incident, parseMs: reply.parseMs })
          return
        case 'error':
          settled = true
          handle?.terminate()
          reject(new Error(reply.message))
          return
      }
    })
  })
  return {
    result,
    cancel() {
      settled = true
      handle?.terminate()
    },
  }
}

/** The browser runner: a module worker per job; `onerror` becomes an `error` reply. */
export const runInWorker: ParseRunner = (message, onReply) => {
  const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' })
  worker.onmessage = (event: MessageEvent<FromWorker>) => onReply(event.data)
  worker.onerror = (event) => {
    event.preventDefault()
    onReply({
      type: 'error',
      jobId: message.jobId,
      message: event.message || 'The parser stopped unexpectedly.',
    })
  }
  worker.onmessageerror = () =>
    onReply({
      type: 'error',
      jobId: message.jobId,
      message: 'The parsed result could not be received.',
    })
  worker.postMessage(message)
  return worker
}
