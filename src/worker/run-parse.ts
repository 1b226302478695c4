import { parseInputs } from '../parse/index'
import type { FromWorker, ToWorker } from './protocol'
import { transferablesOf } from './transferables'

/** The worker's whole job, runnable in Node tests too: parse, then post one final message. */
export async function runParse(
  message: ToWorker,
  post: (reply: FromWorker, transfer?: Transferable[]) => void,
): Promise<void> {
  const { jobId } = message
  const started = performance.now()
  try {
    const incident = await parseInputs(
      message.files.map(({ name, blob, wholeSize, lastModified }) => ({
        name,
        size: blob.size,
        wholeSize,
        lastModified,
        stream: () => blob.stream() as ReadableStream<Uint8Array>,
      })),
      {
        // About ten a second: each redraws the page, whose thread shares the cores with this one.
        progressIntervalMs: 100,
        onProgress: (p) =>
          post({ type: 'progress', jobId, bytesRead: p.bytesRead, bytesTotal: p.bytesTotal }),
      },
    )
    post(
      { type: 'done', jobId, incident, parseMs: performance.now() - started },
      transferablesOf(incident),
    )
  } catch (error) {
    post({ type: 'error', jobId, message: error instanceof Error ? error.message : String(error) })
  }
}
