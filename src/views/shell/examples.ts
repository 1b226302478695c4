/** Inputs shipped with the app (public/examples, provenance in PROVENANCE.tsv there). */
export const examples = [
  {
    file: 'api-service-with-restart.log',
    title: 'Service log with a quiet restart',
    description: 'Goroutines climbing in METRICS lines, then a fatal error and dump inside the log',
  },
  {
    file: 'go-goroutine-leak-dump.txt',
    title: 'Goroutine leak',
    description: '2,002 goroutines stuck behind DNS lookups, from a real Go 1.19 runtime',
  },
  {
    file: 'go-cgo-sigsegv.txt',
    title: 'cgo SIGSEGV',
    description: 'A NULL dereference inside C code called through cgo',
  },
] as const
