import { mergeIncidentParts } from '../model/merge'
import type { Incident } from '../model/types'
import { whyCutsDiffer } from '../parse/cut-safety'
import { planParseJobs, withModified, type ParallelOptions } from './plan-parse'
import type { FromWorker, ToWorker } from './protocol'
import { startWorkerJob, type WorkerJob } from './worker-job'

export type ParseJob = {
  /** Resolves with the model, rejects with a readable message; never settles after cancel. */
  result: Promise<{ incident: Incident; parseMs: number; workers: number }>
  cancel(): void
}

export type ProgressListener = (bytesRead: number, bytesTotal: number) => void

/** Runs one parse message somewhere (a Worker in the app, in-process in tests). */
export type ParseRunner = (message: ToWorker, onReply: (reply: FromWorker) => void) => WorkerJob

let nextJobId = 1

/**
 * Starts parsing files: one worker, or several for a large file cut at record boundaries,
 * whose models are merged. Cancel terminates every worker: a synchronous parse cannot be
 * interrupted by a message, and a fresh worker per job leaks nothing.
 */
export function startParse(
  files: { name: string; blob: Blob }[],
  onProgress: ProgressListener,
  run: ParseRunner = runInWorker,
  parallel?: ParallelOptions,
): ParseJob {
  const handles: WorkerJob[] = []
  let cancelled = false
  const started = performance.now()
  const result = (async () => {
    const jobs = await planParseJobs(files, parallel)
    if (cancelled) return new Promise<never>(() => {})
    const bytesTotal = files.reduce((n, f) => n + f.blob.size, 0)
    const read = jobs.map(() => 0)
    const parts = await Promise.all(
      jobs.map((jobFiles, k) =>
        runJob(jobFiles, run, handles, (bytes) => {
          read[k] = bytes
          onProgress(
            read.reduce((a, b) => a + b, 0),
            bytesTotal,
          )
        }),
      ),
    )
    if (cancelled) return new Promise<never>(() => {})
    if (parts.length === 1)
      return { incident: parts[0], parseMs: performance.now() - started, workers: 1 }
    // A cut through a record (a gdb thread, a sanitizer report) or through what a reader
    // carries from line to line would show something the whole file does not: read it whole.
    if (whyCutsDiffer(parts) !== null) {
      const whole = await runJob(files.map(withModified), run, handles, (bytes) =>
        onProgress(bytes, bytesTotal),
      )
      if (cancelled) return new Promise<never>(() => {})
      return { incident: whole, parseMs: performance.now() - started, workers: 1 }
    }
    let startByte = 0
    const incident = mergeIncidentParts(
      parts.map((part, k) => {
        const entry = { incident: part, startByte }
        startByte += jobs[k][0].blob.size
        return entry
      }),
    )
    return { incident, parseMs: performance.now() - started, workers: parts.length }
  })()
  return {
    result,
    cancel() {
      cancelled = true
      for (const h of handles) h.terminate()
    },
  }
}

/** One worker job: resolves with its model; its worker is terminated when it ends. */
function runJob(
  files: ToWorker['files'],
  run: ParseRunner,
  handles: WorkerJob[],
  onBytes: (bytesRead: number) => void,
): Promise<Incident> {
  const jobId = nextJobId++
  let settled = false
  return new Promise<Incident>((resolve, reject) => {
    const handle = run({ type: 'parse', jobId, files }, (reply) => {
      if (settled || reply.jobId !== jobId) return
      switch (reply.type) {
        case 'progress':
          onBytes(reply.bytesRead)
          return
        case 'done':
          settled = true
          handle.terminate()
          resolve(reply.incident)
          return
        case 'error':
          settled = true
          handle.terminate()
          reject(new Error(reply.message))
          return
      }
    })
    handles.push(handle)
  })
}

/** The browser runner: a module worker per job; a worker failure becomes an `error` reply. */
export const runInWorker: ParseRunner = (message, onReply) =>
  startWorkerJob<ToWorker, FromWorker>(
    () => new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' }),
    message,
    onReply,
    (failure) =>
      onReply({
        type: 'error',
        jobId: message.jobId,
        message:
          failure.type === 'messageerror'
            ? 'The parsed result could not be received.'
            : failure.message || 'The parser stopped unexpectedly.',
      }),
  )
