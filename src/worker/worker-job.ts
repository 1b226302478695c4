/**
 * The one way Debrief runs work off the main thread: a fresh worker per job, terminated when
 * the job ends. A synchronous parse, or a user's regex that backtracks, cannot be interrupted
 * by a message; terminating the worker can (FFP `utils/gz.browser.ts` and EX `workers.ts` do
 * the same). Used by the parse client and by redaction.
 */

/** The part of a Worker a job uses; tests pass an in-process one. */
export type JobWorker = Pick<
  Worker,
  'postMessage' | 'terminate' | 'onmessage' | 'onerror' | 'onmessageerror'
>

/** A running job; `terminate` stops its worker at once. */
export type WorkerJob = { terminate(): void }

/** Why a worker failed without a reply: it threw, or its reply could not be received. */
export type WorkerFailure = { type: 'error'; message: string } | { type: 'messageerror' }

/**
 * Spawns a worker and posts it `message`. Every reply goes to `onReply`; an uncaught error in
 * the worker, or a reply that cannot be cloned, goes to `onFailure`. `spawn` writes out
 * `new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`: Vite bundles a
 * worker only where that expression is written.
 */
export function startWorkerJob<Message, Reply>(
  spawn: () => JobWorker,
  message: Message,
  onReply: (reply: Reply) => void,
  onFailure: (failure: WorkerFailure) => void,
): WorkerJob {
  const worker = spawn()
  worker.onmessage = (event: MessageEvent<Reply>) => onReply(event.data)
  worker.onerror = (event) => {
    // Handled here: the failure becomes the job's error, not an uncaught page error.
    event.preventDefault()
    onFailure({ type: 'error', message: event.message })
  }
  worker.onmessageerror = () => onFailure({ type: 'messageerror' })
  worker.postMessage(message)
  return worker
}

/** The job's time budget, and the error it ends with when the budget runs out. */
export type JobBudget = { ms: number; timeout: () => Error }

/**
 * Runs a job whose worker sends one reply: resolves with it, or rejects on a failure (with
 * `failed`'s message) or when `budget` runs out. The worker is terminated in every case.
 */
export function requestFromWorker<Message, Reply>(
  spawn: () => JobWorker,
  message: Message,
  budget: JobBudget,
  failed: (failure: WorkerFailure) => string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    let settled = false
    const settle = (end: () => void): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      job.terminate()
      end()
    }
    const job = startWorkerJob<Message, Reply>(
      spawn,
      message,
      (reply) => settle(() => resolve(reply)),
      (failure) => settle(() => reject(new Error(failed(failure)))),
    )
    const timer = setTimeout(() => settle(() => reject(budget.timeout())), budget.ms)
  })
}
