import type { Incident } from '../../model/types'
import { formatCount } from '../format'

/** Explains why nothing was found, with what was read, instead of an empty table. */
export function EmptyReasons({ incident }: { readonly incident: Incident }) {
  return (
    <section className="empty" role="alert" data-testid="empty-reasons">
      <h2>Nothing recognisable was found</h2>
      {incident.sources.map((s, i) => (
        <div key={i}>
          <p>
            <strong>{s.name}</strong>:{' '}
            {s.lines === 0
              ? 'no lines were read.'
              : s.lines === 1
                ? '1 line was read, and it did not look like a crash, a stack dump, a leak report or a timestamped log line.'
                : `${formatCount(s.lines)} lines were read, and none of them looked like a crash, a stack dump, a leak report or a timestamped log line.`}
          </p>
          {s.preamble.length ? (
            <>
              <p>It starts with:</p>
              <pre className="empty-preamble">{s.preamble.join('\n')}</pre>
            </>
          ) : null}
        </div>
      ))}
      <p>
        Debrief reads Go panics and goroutine dumps, gdb/lldb backtraces, kernel segfault lines and
        oopses, bcc memleak, sanitizer, valgrind and heaptrack reports, Java/Python/Rust/Node
        crashes and timestamped logs.
      </p>
    </section>
  )
}
