/** Redaction off the main thread: a user's regex that backtracks can be stopped by terminating this worker. */
import { redactTexts, type RedactionResult, type RedactionSettings } from './redact-share'

export type RedactRequest = { settings: RedactionSettings; texts: string[]; previewFor: boolean[] }

/** The one reply to a RedactRequest. */
export type RedactReply =
  { type: 'done'; result: RedactionResult } | { type: 'error'; message: string }

self.onmessage = (e: MessageEvent<RedactRequest>) => {
  const { settings, texts, previewFor } = e.data
  try {
    const reply: RedactReply = { type: 'done', result: redactTexts(settings, texts, previewFor) }
    self.postMessage(reply)
  } catch (error) {
    self.postMessage({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    })
  }
}
