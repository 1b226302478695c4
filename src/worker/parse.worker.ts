/// <reference lib="webworker" />
import type { FromWorker, ToWorker } from './protocol'
import { runParse } from './run-parse'

// Thin entry: all logic lives in run-parse.ts, which also runs in Node tests.
const scope = self as unknown as DedicatedWorkerGlobalScope
scope.onmessage = (event: MessageEvent<ToWorker>) => {
  void runParse(event.data, (reply: FromWorker, transfer: Transferable[] = []) =>
    scope.postMessage(reply, transfer),
  )
}
