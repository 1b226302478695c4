/** The seed incident's waiters in the Go 1.3 format, as many as `n`. */
export function go13Waiters(n: number): string {
  const one = (id: number) =>
    [
      `goroutine ${id} [semacquire, 27 minutes]:`,
      'sync.runtime_Semacquire(0xc2267cadc0)',
      '\t/usr/local/go/src/pkg/runtime/sema.goc:199 +0x30',
      'sync.(*WaitGroup).Wait(0xc2337c8f80)',
      '\t/usr/local/go/src/pkg/sync/waitgroup.go:129 +0x14b',
      'net.(*singleflight).Do(0xbbdc50, 0xc22f602e40, 0x20, ...)',
      '\t/usr/local/go/src/pkg/net/singleflight.go:37 +0x127',
      'net.lookupIPMerge(0xc22f602e40, 0x20, 0x0, 0x0, 0x0, 0x0, 0x0)',
      '\t/usr/local/go/src/pkg/net/lookup.go:42 +0xae',
      'net.func·025()',
      '\t/usr/local/go/src/pkg/net/lookup.go:80 +0x3e',
      'created by net.lookupIPDeadline',
      '\t/usr/local/go/src/pkg/net/lookup.go:82 +0x2d8',
      '',
    ].join('\n')
  const parts = ['fatal error: out of memory (stackcacherefill)', '']
  for (let i = 0; i < n; i++) parts.push(one(281550311 + i))
  return parts.join('\n')
}
