import type * as Timeline from '../timeline'

/**
 * The timeline's code, charts included (a large library), in a chunk of its own: fetched once
 * the start page is idle, so the timeline that log lines open on does not wait for it after
 * the parse; the same promise serves the view's lazy import. A failed fetch is forgotten, to
 * be tried again when the view opens.
 */
let chunk: Promise<typeof Timeline> | null = null

export function loadTimelineChunk(): Promise<typeof Timeline> {
  chunk ??= import('../timeline').catch((error: unknown) => {
    chunk = null
    throw error
  })
  return chunk
}
