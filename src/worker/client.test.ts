import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { canonicalModel } from '../test/model-canonical'
import type { FromWorker } from './protocol'
import { runParse } from './run-parse'
import { startParse, type ParseRunner } from './client'
import { planParseJobs } from './plan-parse'

const goDump = 'goroutine 1 [running]:\nmain.main()\n\t/app/main.go:5 +0x1\n'

/** Runs the worker's code in process, as the worker would. */
const inProcess: ParseRunner = (message, onReply) => {
  let terminated = false
  void runParse(message, (reply) => {
    if (!terminated) onReply(reply)
  })
  return { terminate: () => (terminated = true) }
}

describe('startParse', () => {
  it('resolves with the model and reports progress in bytes', async () => {
    const progress: number[] = []
    const job = startParse(
      [{ name: 'a.txt', blob: new Blob([goDump]) }],
      (read) => progress.push(read),
      inProcess,
    )
    const { incident } = await job.result
    expect(incident.sources[0].name).toBe('a.txt')
    expect(incident.sources[0].lines).toBe(3)
    expect(progress.at(-1)).toBe(goDump.length)
  })

  it('drops replies of another job and ends in exactly one final message', async () => {
    const replies: FromWorker[] = []
    const stale: ParseRunner = (message, onReply) => {
      onReply({ type: 'error', jobId: message.jobId + 1000, message: 'stale' })
      return inProcess(message, (r) => {
        replies.push(r)
        onReply(r)
      })
    }
    const job = startParse([{ name: 'a.txt', blob: new Blob([goDump]) }], () => {}, stale)
    await expect(job.result).resolves.toBeTruthy()
    expect(replies.filter((r) => r.type !== 'progress')).toHaveLength(1)
  })

  it('parses a large file in parts on several workers and merges them like one', async () => {
    const part = Array.from(
      { length: 400 },
      (_, i) => `goroutine ${i} [chan receive]:\nmain.worker()\n\t/app/main.go:12 +0x1d\n\n`,
    ).join('')
    const big = new Blob(Array.from({ length: Math.ceil((2 << 20) / part.length) }, () => part))
    const sizes: number[] = []
    const spy: ParseRunner = (message, onReply) => {
      sizes.push(message.files[0].blob.size)
      return inProcess(message, onReply)
    }
    const { incident, workers } = await startParse(
      [{ name: 'big.txt', blob: big }],
      () => {},
      spy,
      {
        cores: 3,
        minBytes: 1 << 20,
        minPartBytes: 512 << 10,
      },
    ).result
    expect(workers).toBe(2)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(big.size)
    const whole = await startParse([{ name: 'big.txt', blob: big }], () => {}, inProcess, {
      cores: 1,
    }).result
    expect(whole.workers).toBe(1)
    expect(incident.records.length).toBe(whole.incident.records.length)
    expect(incident.sources[0].fingerprint).toBe(whole.incident.sources[0].fingerprint)
    expect(incident.sources[0].lines).toBe(whole.incident.sources[0].lines)
  })

  it('reads a large file whole again when its parts would not read as the whole', async () => {
    // gdb threads: a cut through the output of a format whose records it would break.
    const gdb = readFileSync('src/parse/gdb/__fixtures__/core-thread-apply-all-bt-full.txt')
    const big = new Blob(Array.from({ length: Math.ceil((1 << 20) / gdb.length) }, () => gdb))
    const sizes: number[] = []
    const spy: ParseRunner = (message, onReply) => {
      sizes.push(message.files[0].blob.size)
      return inProcess(message, onReply)
    }
    const options = { cores: 3, minBytes: 512 << 10, minPartBytes: 256 << 10 }
    const { incident, workers } = await startParse(
      [{ name: 'gdb.txt', blob: big }],
      () => {},
      spy,
      options,
    ).result
    // Two parts, then the whole file.
    expect(sizes).toHaveLength(3)
    expect(sizes[2]).toBe(big.size)
    expect(workers).toBe(1)
    const whole = await startParse([{ name: 'gdb.txt', blob: big }], () => {}, inProcess, {
      cores: 1,
    }).result
    expect(canonicalModel(incident)).toEqual(canonicalModel(whole.incident))
  })

  it('reads a large file in one worker on two cores, and in a part per core but one on more', async () => {
    const lines = Array.from(
      { length: 30_000 },
      (_, i) =>
        `2026-03-14T00:00:${String(i % 60).padStart(2, '0')}.000Z INFO http request n=${i}\n`,
    )
    const log = new Blob([lines.join('')])
    const dump = new Blob([goDump.repeat(Math.ceil(log.size / goDump.length))])
    const options = { minBytes: 512 << 10, minPartBytes: 256 << 10 }
    expect(log.size).toBeGreaterThan(4 * options.minPartBytes)
    for (const [name, blob] of [
      ['service.log', log],
      ['dump.txt', dump],
    ] as const) {
      const files = [{ name, blob }]
      expect(await planParseJobs(files, { ...options, cores: 2 })).toHaveLength(1)
      expect(await planParseJobs(files, { ...options, cores: 3 })).toHaveLength(2)
      expect(await planParseJobs(files, { ...options, cores: 4 })).toHaveLength(3)
    }
  })

  it('turns a failing run into a rejected promise with its message', async () => {
    const failing: ParseRunner = (message, onReply) => {
      queueMicrotask(() => onReply({ type: 'error', jobId: message.jobId, message: 'boom' }))
      return { terminate() {} }
    }
    await expect(startParse([], () => {}, failing).result).rejects.toThrow('boom')
  })
})
