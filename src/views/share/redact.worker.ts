/** Redaction off the main thread: a user's regex that backtracks can be stopped by terminating this worker. */
import { redactTexts, type RedactionSettings } from './redact-share'

export type RedactRequest = { settings: RedactionSettings; texts: string[]; previewFor: boolean[] }

self.onmessage = (e: MessageEvent<RedactRequest>) => {
  const { settings, texts, previewFor } = e.data
  try {
    self.postMessage({ type: 'done', result: redactTexts(settings, texts, previewFor) })
  } catch (error) {
    self.postMessage({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    })
  }
}
