import { Component, type ErrorInfo, type ReactNode } from 'react'

/**
 * Keeps one pane's failure in that pane: a render that throws shows what went wrong and a
 * "Try again" button instead of unmounting the whole app (React removes the whole tree on an
 * uncaught render error). The store is untouched, so nothing typed is lost.
 */
export class PaneBoundary extends Component<
  { name: string; children: ReactNode },
  { error: Error | null }
> {
  override state: { error: Error | null } = { error: null }

  static getDerivedStateFromError(error: Error) {
    return { error }
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    // Kept in the console for a bug report; the pane says it in words.
    console.warn(`${this.props.name} failed to draw:`, error, info.componentStack)
  }

  override render() {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <div className="message message-error pane-failed" role="alert" data-testid="pane-failed">
        <strong>The {this.props.name} could not be drawn</strong> ({error.message || error.name}).
        The rest of the page works, and nothing you wrote was lost.{' '}
        <button type="button" className="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    )
  }
}
