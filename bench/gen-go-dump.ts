/**
 * Writes a goroutine dump shaped like the seed incident (a goroutine leak from DNS lookups
 * without timeouts, INCIDENTS.md #3): ~97% of goroutines blocked in one semacquire path under
 * `net.lookupIPDeadline`, the rest spread over a dozen other paths and states, printed the
 * way the Go runtime prints them (checked against a real 420k dump from
 * ../shared/tools/gen-go-dump.sh; see bench/README.md).
 *
 *   npx tsx bench/gen-go-dump.ts OUT [GOROUTINES]      (default 420,000)
 *
 * Deterministic: the same count always writes the same bytes.
 */
import { createWriteStream } from 'node:fs'
import { seededRandom } from '../src/lib/prng'

const random = seededRandom(0x5eed002)
const hex = (min: number, spread: number) => '0x' + Math.floor(min + random() * spread).toString(16)
const ptr = () => hex(0xc000010000, 0x3fffffff)
/** Register-ABI arguments print `?` when the value may be stale. */
const arg = () => (random() < 0.5 ? `${ptr()}?` : ptr())

type Path = {
  weight: number
  state: () => string
  frames: () => string[]
  createdBy: string
}

/** A state with its wait, as the runtime prints it: only a wait of a minute or more. */
const waited = (state: string, minutes: number) =>
  minutes >= 1 ? `${state}, ${minutes} minutes` : state

// Waiting goroutines started leaking about 45 minutes before the crash, faster towards the end.
const leakWait = () => Math.max(1, Math.floor(45 * Math.pow(random(), 1.6)))

const paths: Path[] = [
  {
    weight: 0.97,
    state: () => `semacquire, ${leakWait()} minutes`,
    frames: () => [
      `sync.runtime_Semacquire(${arg()})\n\truntime/sema.go:62 +0x25`,
      `sync.(*WaitGroup).Wait(${arg()})\n\tsync/waitgroup.go:139 +0x52`,
      `internal/singleflight.(*Group).Do(${ptr()}, {${ptr()}, 0x1a}, ${ptr()})\n\tinternal/singleflight/singleflight.go:61 +0x1b4`,
      `net.lookupIPDeadline(${arg()}, {${ptr()}?, 0x1a?}, ${arg()})\n\texample.com/agent/internal/dns/deadline.go:48 +0x6d`,
      `example.com/agent/internal/collector.(*Check).resolve(${ptr()}, {${ptr()}, 0x1a})\n\texample.com/agent/internal/collector/check.go:211 +0x9c`,
    ],
    createdBy: `created by example.com/agent/internal/collector.(*Check).Run in goroutine 41\n\texample.com/agent/internal/collector/check.go:187 +0x1f4`,
  },
  {
    weight: 0.008,
    state: () => waited('chan receive', Math.floor(random() * 50)),
    frames: () => [
      `example.com/agent/internal/forwarder.(*Worker).run(${ptr()})\n\texample.com/agent/internal/forwarder/worker.go:77 +0x8a`,
    ],
    createdBy: `created by example.com/agent/internal/forwarder.(*Forwarder).Start in goroutine 1\n\texample.com/agent/internal/forwarder/forwarder.go:54 +0x65`,
  },
  {
    weight: 0.006,
    state: () => 'IO wait',
    frames: () => [
      `internal/poll.runtime_pollWait(0x7f3c4a1e2d18, 0x72)\n\truntime/netpoll.go:305 +0x89`,
      `internal/poll.(*pollDesc).wait(${arg()}, ${arg()}, 0x0)\n\tinternal/poll/fd_poll_runtime.go:84 +0x32`,
      `internal/poll.(*FD).Read(${ptr()}, {${ptr()}, 0x1000, 0x1000})\n\tinternal/poll/fd_unix.go:167 +0x25a`,
      `net.(*conn).Read(${ptr()}, {${ptr()}?, 0x0?, 0x0?})\n\tnet/net.go:183 +0x45`,
      `net/http.(*persistConn).Read(${ptr()}, {${ptr()}?, 0x0?, 0x0?})\n\tnet/http/transport.go:1929 +0x4e`,
    ],
    createdBy: `created by net/http.(*Transport).dialConn in goroutine 312\n\tnet/http/transport.go:1777 +0x16f1`,
  },
  {
    weight: 0.005,
    state: () => waited('select', Math.floor(random() * 50)),
    frames: () => [
      `net/http.(*persistConn).writeLoop(${ptr()})\n\tnet/http/transport.go:2410 +0xf2`,
    ],
    createdBy: `created by net/http.(*Transport).dialConn in goroutine 312\n\tnet/http/transport.go:1778 +0x1736`,
  },
  {
    weight: 0.004,
    state: () => waited('sync.Mutex.Lock', Math.floor(random() * 30)),
    frames: () => [
      `sync.runtime_SemacquireMutex(${arg()}, 0x0?, 0x1?)\n\truntime/sema.go:77 +0x25`,
      `sync.(*Mutex).lockSlow(${ptr()})\n\tsync/mutex.go:171 +0x165`,
      `sync.(*Mutex).Lock(...)\n\tsync/mutex.go:90`,
      `example.com/agent/internal/aggregator.(*Aggregator).Add(${ptr()}, {${ptr()}, 0x12})\n\texample.com/agent/internal/aggregator/aggregator.go:130 +0x5d`,
    ],
    createdBy: `created by example.com/agent/internal/aggregator.New in goroutine 1\n\texample.com/agent/internal/aggregator/aggregator.go:61 +0x2b1`,
  },
  {
    weight: 0.003,
    state: () => 'sleep',
    frames: () => [
      `time.Sleep(0x3b9aca00)\n\truntime/time.go:195 +0x135`,
      `example.com/agent/internal/health.(*Probe).loop(${ptr()})\n\texample.com/agent/internal/health/probe.go:40 +0x47`,
    ],
    createdBy: `created by example.com/agent/internal/health.Start in goroutine 1\n\texample.com/agent/internal/health/probe.go:22 +0x98`,
  },
  {
    weight: 0.002,
    state: () => 'syscall',
    frames: () => [
      `syscall.Syscall(0x0, 0x5, ${ptr()}, 0x8000)\n\tsyscall/syscall_linux.go:68 +0x27`,
      `syscall.read(${arg()}, {${ptr()}?, 0x0?, 0x0?})\n\tsyscall/zsyscall_linux_amd64.go:696 +0x45`,
      `example.com/agent/internal/tailer.(*File).read(${ptr()})\n\texample.com/agent/internal/tailer/file.go:95 +0x66`,
    ],
    createdBy: `created by example.com/agent/internal/tailer.New in goroutine 1\n\texample.com/agent/internal/tailer/tailer.go:33 +0x10a`,
  },
  {
    weight: 0.002,
    state: () => 'GC worker (idle)',
    frames: () => [
      `runtime.gopark(${arg()}, 0x0?, 0x0?, 0x0?, 0x0?)\n\truntime/proc.go:363 +0xd6`,
      `runtime.gcBgMarkWorker()\n\truntime/mgc.go:1235 +0xf1`,
    ],
    createdBy: `created by runtime.gcBgMarkStartWorkers in goroutine 1\n\truntime/mgc.go:1159 +0x25`,
  },
]

const cumulative = paths.map(
  (
    (sum) => (p: Path) =>
      (sum += p.weight)
  )(0),
)

function choosePath(): Path {
  const r = random() * cumulative[cumulative.length - 1]
  return paths[cumulative.findIndex((c) => r < c)]
}

async function main(): Promise<void> {
  const [out, countArg] = process.argv.slice(2)
  if (!out) {
    console.error('usage: npx tsx bench/gen-go-dump.ts OUT [GOROUTINES]')
    process.exit(64)
  }
  const count = Number(countArg ?? 420_000)
  const file = createWriteStream(out)
  const write = (s: string) =>
    file.write(s) ? Promise.resolve() : new Promise<void>((r) => file.once('drain', () => r()))
  await write(
    '2015-03-14 08:23:33 UTC | ERROR | dd.collector | collector(collector.go:147) | Cannot allocate memory\n' +
      'fatal error: out of memory (stackcacherefill)\n\n' +
      'runtime stack:\nruntime.throw({0x6d9f1e?, 0x7ffd2a3c8e50?})\n\truntime/panic.go:1047 +0x5d fp=0x7ffd2a3c8e20 sp=0x7ffd2a3c8df0 pc=0x4373bd\n' +
      'runtime.stackcacherefill(0x7f3c4a2d8a00?, 0x2)\n\truntime/stack.go:286 +0x1c5 fp=0x7ffd2a3c8e60 sp=0x7ffd2a3c8e20 pc=0x44d7c5\n' +
      'runtime.systemstack()\n\truntime/asm_amd64.s:492 +0x49 fp=0x7ffd2a3c8e68 sp=0x7ffd2a3c8e60 pc=0x466109\n\n' +
      `goroutine 281550311 [running]:\nruntime.systemstack_switch()\n\truntime/asm_amd64.s:459 fp=${ptr()} sp=${ptr()} pc=0x4660a0\n` +
      `runtime.newproc({${ptr()}?, 0x0?})\n\truntime/proc.go:4085 +0x4c fp=${ptr()} sp=${ptr()} pc=0x443c4c\n` +
      `example.com/agent/internal/collector.(*Check).Run(${ptr()})\n\texample.com/agent/internal/collector/check.go:187 +0x1f4 fp=${ptr()} sp=${ptr()} pc=0x5a2f14\n\n`,
  )
  let id = 281_550_311 - count * 3
  let buffer = ''
  for (let g = 1; g < count; g++) {
    id += 1 + Math.floor(random() * 5)
    const p = choosePath()
    buffer += `goroutine ${id} [${p.state()}]:\n${p.frames().join('\n')}\n${p.createdBy}\n\n`
    if (buffer.length > 1 << 20) {
      await write(buffer)
      buffer = ''
    }
  }
  await write(buffer + 'exit status 2\n')
  await new Promise<void>((r) => file.end(() => r()))
}

void main()
