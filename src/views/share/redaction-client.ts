/**
 * Runs redaction in a Web Worker with a time budget. Built-in patterns are proven linear, but
 * a user's regex can backtrack catastrophically; a synchronous loop on the main thread could
 * not be interrupted and would freeze the tab. A worker can be terminated, so a slow pattern
 * becomes a message ("this pattern is too slow") instead of a hung page.
 */
import { requestFromWorker } from '../../worker/worker-job'
import { redactTexts, type RedactionResult } from './redact-share'
import type { RedactReply, RedactRequest } from './redact.worker'

/** How long redaction may take before it is stopped. */
export const REDACTION_BUDGET_MS = 10_000

export class RedactionTimeout extends Error {
  override name = 'RedactionTimeout'
}

export type RedactionRunner = (request: RedactRequest) => Promise<RedactionResult>

export const runInWorker: RedactionRunner = async (request) => {
  if (typeof Worker === 'undefined')
    return redactTexts(request.settings, request.texts, request.previewFor)
  const reply = await requestFromWorker<RedactRequest, RedactReply>(
    () => new Worker(new URL('./redact.worker.ts', import.meta.url), { type: 'module' }),
    request,
    {
      ms: REDACTION_BUDGET_MS,
      timeout: () =>
        new RedactionTimeout(
          `Redaction took longer than ${REDACTION_BUDGET_MS / 1000} s and was stopped. One of your own patterns is probably backtracking (nested repeats such as (a+)+); simplify it or remove it.`,
        ),
    },
    (failure) => (failure.type === 'error' && failure.message) || 'The redaction worker failed.',
  )
  if (reply.type === 'error') throw new Error(reply.message)
  return reply.result
}
