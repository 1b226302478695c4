import { loadFiles } from '../../state/load'
import { OpenFileButton } from './OpenFileButton'
import { examples } from './examples'
import { RecentIncidents } from '../annotations/RecentIncidents'
import { useIncidentStore } from '../../state/store'
import { SharedPostmortem } from '../share/SharedPostmortem'
import { UrlField } from '../share/UrlInput'

async function openExample(file: string): Promise<void> {
  // Relative URL: the app may be served from any sub-path.
  const response = await fetch(`./examples/${file}`)
  if (!response.ok)
    throw new Error(`The example ${file} could not be loaded (HTTP ${response.status}).`)
  await loadFiles([{ name: file, blob: await response.blob() }])
}

export function StartPage() {
  const shared = useIncidentStore((s) => s.sharedWaiting)
  if (shared) return <SharedPostmortem bundle={shared} />
  return (
    <section className="start" data-testid="dropzone" aria-label="Open an input">
      <h2 className="start-title">Drop a crash log, goroutine dump or leak report</h2>
      <p className="start-lead">
        Go panics and goroutine dumps, gdb backtraces, kernel segfault lines, memleak, sanitizer,
        valgrind and heaptrack output, with or without the service's own logs around them. Files are
        parsed in this tab, on this machine: nothing is uploaded.
      </p>
      <div className="start-actions">
        <OpenFileButton label="Choose files…" primary />
        <span className="start-hint">
          or drag them anywhere on this page, or paste text with <kbd>Ctrl</kbd>+<kbd>V</kbd>
        </span>
      </div>
      <UrlField />
      <RecentIncidents />
      <h3 className="start-subtitle">Open an example</h3>
      <ul className="start-examples">
        {examples.map((e) => (
          <li key={e.file}>
            <button type="button" className="example" onClick={() => void openExample(e.file)}>
              <span className="example-title">{e.title}</span>
              <span className="example-description">{e.description}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
