import { afterEach, describe, expect, it, vi } from 'vitest'
import { requestFromWorker, startWorkerJob, type JobWorker } from './worker-job'

/** A worker run in process: `respond` decides what it does with each message. */
class InProcessWorker implements JobWorker {
  onmessage: JobWorker['onmessage'] = null
  onerror: JobWorker['onerror'] = null
  onmessageerror: JobWorker['onmessageerror'] = null
  terminated = false
  constructor(private readonly respond: (message: unknown, worker: InProcessWorker) => void) {}
  postMessage(message: unknown): void {
    queueMicrotask(() => this.respond(message, this))
  }
  terminate(): void {
    this.terminated = true
  }
  reply(data: unknown): void {
    if (!this.terminated) this.onmessage?.call(this as never, { data } as MessageEvent)
  }
  fail(message: string): { prevented: boolean } {
    const event = { message, prevented: false, preventDefault: () => (event.prevented = true) }
    this.onerror?.call(this as never, event as unknown as ErrorEvent)
    return event
  }
}

const budget = (ms: number) => ({ ms, timeout: () => new Error(`over ${ms} ms`) })
const failed = () => 'the worker failed'

afterEach(() => vi.useRealTimers())

describe('worker jobs', () => {
  it('pass every reply on, in order', async () => {
    const worker = new InProcessWorker((m, w) => {
      w.reply({ step: 1, of: m })
      w.reply({ step: 2, of: m })
    })
    const replies: unknown[] = []
    startWorkerJob(
      () => worker,
      'job',
      (r) => replies.push(r),
      failed,
    )
    await Promise.resolve()
    expect(replies).toEqual([
      { step: 1, of: 'job' },
      { step: 2, of: 'job' },
    ])
  })

  // Guards against a worker's crash showing as an uncaught page error on top of the job's own.
  it('turn a worker’s uncaught error into the job’s failure, handled', async () => {
    let event: { prevented: boolean } | undefined
    const worker = new InProcessWorker((_m, w) => (event = w.fail('boom')))
    const failures: unknown[] = []
    startWorkerJob(
      () => worker,
      'job',
      () => {},
      (f) => failures.push(f),
    )
    await Promise.resolve()
    expect(failures).toEqual([{ type: 'error', message: 'boom' }])
    expect(event?.prevented).toBe(true)
  })

  it('resolve a request with its reply and terminate the worker', async () => {
    const worker = new InProcessWorker((m, w) => w.reply(`${m} done`))
    await expect(requestFromWorker(() => worker, 'redact', budget(1000), failed)).resolves.toBe(
      'redact done',
    )
    expect(worker.terminated).toBe(true)
  })

  it('reject a request whose worker fails, with the caller’s message', async () => {
    const worker = new InProcessWorker((_m, w) => w.fail(''))
    await expect(requestFromWorker(() => worker, 'x', budget(1000), failed)).rejects.toThrow(
      'the worker failed',
    )
    expect(worker.terminated).toBe(true)
  })

  // Guards against a backtracking user regex hanging the share dialog for ever.
  it('stop a request that runs past its budget, and ignore a late reply', async () => {
    vi.useFakeTimers()
    let late: InProcessWorker | undefined
    const worker = new InProcessWorker((_m, w) => (late = w))
    const result = requestFromWorker(() => worker, 'x', budget(10_000), failed)
    const settled = expect(result).rejects.toThrow('over 10000 ms')
    await vi.advanceTimersByTimeAsync(9_999)
    expect(worker.terminated).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await settled
    expect(worker.terminated).toBe(true)
    late?.reply('too late')
  })
})
