/// <reference lib="webworker" />
import { decodeBundle } from './decode-bundle'
import type { DecodeBundleRequest } from './protocol'

// Thin entry: a hostile link or file is decoded here, where it cannot freeze the page.
const scope = self as unknown as DedicatedWorkerGlobalScope
scope.onmessage = (event: MessageEvent<DecodeBundleRequest>) => {
  void decodeBundle(event.data).then(
    (reply) => scope.postMessage(reply),
    (error: unknown) =>
      scope.postMessage({
        type: 'error',
        message: `This postmortem could not be opened: ${error instanceof Error ? error.message : String(error)}`,
      }),
  )
}
