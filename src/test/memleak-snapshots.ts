/** Ten cumulative snapshots as `memleak-bpfcc -o 5000 30` prints them, growing each time. */
export function tenSnapshots(): string {
  const out = ['Attaching to pid 1174052, Ctrl+C to quit.']
  for (let k = 0; k < 10; k++) {
    const time = `17:${String(34 + k).padStart(2, '0')}:55`
    out.push(`[${time}] Top 10 stacks with outstanding allocations:`)
    out.push(`\t${(k + 1) * 1048576} bytes in ${(k + 1) * 46003} allocations from stack`)
    out.push('\t\tdeserialize_String_vector+0x4c [libzookeeper_mt.so.2.0.0]')
    out.push('\t\tzookeeper_process+0x5e7 [libzookeeper_mt.so.2.0.0]')
    out.push(`\t${k * 4096 + 64} bytes in ${k + 1} allocations from stack`)
    out.push('\t\tmalloc+0x1b [libc-2.27.so]')
    out.push('\t\tdo_io+0x277 [libzookeeper_mt.so.2.0.0]')
    out.push('')
  }
  return out.join('\n')
}
