/**
 * Opens share links and `.debrief` files off the main thread. A crafted link or file (a
 * decompression bomb, a 100 MB title, 200,000 markers) froze the tab for half a minute when
 * decoded on the page; in a worker it is bounded, and stopped when it takes too long.
 */
import type { DebriefBundle } from '../model/notes/bundle'
import { decodeBundle } from './decode-bundle'
import type { DecodeBundleReply, DecodeBundleRequest } from './protocol'
import { requestFromWorker } from './worker-job'

/** How long decoding may take before it is stopped. */
export const DECODE_BUNDLE_BUDGET_MS = 30_000

/** Decodes one request somewhere (a Worker in the app, in-process in tests). */
export type BundleRunner = (request: DecodeBundleRequest) => Promise<DecodeBundleReply>

export const runInWorker: BundleRunner = (request) =>
  typeof Worker === 'undefined'
    ? decodeBundle(request)
    : requestFromWorker<DecodeBundleRequest, DecodeBundleReply>(
        () => new Worker(new URL('./decode-bundle.worker.ts', import.meta.url), { type: 'module' }),
        request,
        {
          ms: DECODE_BUNDLE_BUDGET_MS,
          timeout: () =>
            new Error(
              `Opening this postmortem took longer than ${DECODE_BUNDLE_BUDGET_MS / 1000} s and was stopped.`,
            ),
        },
        (failure) =>
          failure.type === 'error' && failure.message
            ? `This postmortem could not be opened: ${failure.message}`
            : 'This postmortem could not be opened: the worker reading it failed.',
      )

/** The bundle, or throws an Error whose message says which check or limit failed. */
export async function openBundle(
  request: DecodeBundleRequest,
  run: BundleRunner = runInWorker,
): Promise<DebriefBundle> {
  const reply = await run(request)
  if (reply.type === 'error') throw new Error(reply.message)
  return reply.bundle
}
