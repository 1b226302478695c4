/**
 * Runs redaction in a Web Worker with a time budget. Built-in patterns are proven linear, but
 * a user's regex can backtrack catastrophically; a synchronous loop on the main thread could
 * not be interrupted and would freeze the tab. A worker can be terminated, so a slow pattern
 * becomes a message ("this pattern is too slow") instead of a hung page. One worker per run,
 * terminated after its reply (as the parse client does).
 */
import { redactTexts, type RedactionResult } from './redact-share'
import type { RedactRequest } from './redact.worker'

/** How long redaction may take before it is stopped. */
export const REDACTION_BUDGET_MS = 10_000

export class RedactionTimeout extends Error {
  override name = 'RedactionTimeout'
}

export type RedactionRunner = (request: RedactRequest) => Promise<RedactionResult>

export const runInWorker: RedactionRunner = (request) =>
  new Promise((resolve, reject) => {
    if (typeof Worker === 'undefined') {
      resolve(redactTexts(request.settings, request.texts, request.previewFor))
      return
    }
    const worker = new Worker(new URL('./redact.worker.ts', import.meta.url), { type: 'module' })
    const timer = setTimeout(() => {
      worker.terminate()
      reject(
        new RedactionTimeout(
          `Redaction took longer than ${REDACTION_BUDGET_MS / 1000} s and was stopped. One of your own patterns is probably backtracking (nested repeats such as (a+)+); simplify it or remove it.`,
        ),
      )
    }, REDACTION_BUDGET_MS)
    worker.onmessage = (
      e: MessageEvent<
        { type: 'done'; result: RedactionResult } | { type: 'error'; message: string }
      >,
    ) => {
      clearTimeout(timer)
      worker.terminate()
      if (e.data.type === 'done') resolve(e.data.result)
      else reject(new Error(e.data.message))
    }
    worker.onerror = (e) => {
      clearTimeout(timer)
      worker.terminate()
      reject(new Error(e.message || 'The redaction worker failed.'))
    }
    worker.postMessage(request)
  })
