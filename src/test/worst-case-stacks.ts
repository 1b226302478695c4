/**
 * The two worst shapes for interning and grouping a Go dump: every goroutine its own stack,
 * and stacks that share most frames but differ in one line and every argument. A million of
 * the first (139 MB) and half a million of the second (307 MB) once cost ten times a dump of
 * the same size. Used by the linearity test and by `bench/gen-worst-stacks.ts`.
 */
export type WorstCaseShape = 'distinct' | 'near-identical'

/** Goroutine `i` (from 0) of a dump of this shape, with its trailing blank line. */
export function worstCaseGoroutine(shape: WorstCaseShape, i: number): string {
  if (shape === 'distinct')
    return `goroutine ${i + 1} [chan receive]:\nmain.worker${i}(0xc000${(i * 16).toString(16)})\n\t/src/pkg/worker.go:${i % 1000} +0x1d\ncreated by main.main\n\t/src/main.go:9 +0x25\n\n`
  const p = (0xc000100000 + i * 64).toString(16)
  return (
    `goroutine ${i + 1} [select, ${i % 60} minutes]:\n` +
    `runtime.gopark(0x${p}, 0x0, 0x9, 0x1, 0x0)\n\t/usr/local/go/src/runtime/proc.go:363 +0xd6\n` +
    `runtime.selectgo(0x${p}, 0x${p}, 0x0, 0x0, 0x2, 0x1)\n\t/usr/local/go/src/runtime/select.go:328 +0x7bc\n` +
    `net/http.(*persistConn).writeLoop(0x${p})\n\t/usr/local/go/src/net/http/transport.go:2410 +0xf2\n` +
    `example.com/svc/pool.(*Pool).run(0x${p}, {0x${p}, 0x${p}})\n\t/src/pool/pool.go:${i} +0x1a5\n` +
    `example.com/svc/pool.(*Pool).Start.func1(0x${p})\n\t/src/pool/pool.go:57 +0x4d\n` +
    `created by example.com/svc/pool.(*Pool).Start\n\t/src/pool/pool.go:55 +0x1c5\n\n`
  )
}

/** A dump of this shape of about `bytes`. */
export function worstCaseDump(shape: WorstCaseShape, bytes: number): string {
  const out: string[] = []
  let size = 0
  for (let i = 0; size < bytes; i++) {
    const g = worstCaseGoroutine(shape, i)
    out.push(g)
    size += g.length
  }
  return out.join('')
}
