import type { FlameWeight } from '../../model/flame/call-tree'
import type { DiffRow } from '../../model/flame/diff'
import type { Incident } from '../../model/types'
import { diffColor } from './colors'
import { formatDelta, formatWeight } from './weight-format'

/** The functions whose weight changed most between the two inputs. */
export function DiffTable({
  incident,
  rows,
  weight,
  scaled,
}: {
  readonly incident: Incident
  readonly rows: readonly DiffRow[]
  readonly weight: FlameWeight
  /** The first input was scaled to the second's total. */
  readonly scaled: boolean
}) {
  if (rows.length === 0) return <div className="message">Nothing changed between the inputs.</div>
  return (
    <table className="flame-diff-table" data-testid="flame-diff-table">
      <caption>Largest changes</caption>
      <thead>
        <tr>
          <th scope="col">Function</th>
          <th scope="col">{scaled ? 'Before (scaled)' : 'Before'}</th>
          <th scope="col">After</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.func}>
            <td className="func">
              <span
                className="flame-swatch"
                aria-hidden="true"
                style={{ background: diffColor(r.delta / Math.max(r.before, r.after)) }}
              />{' '}
              {incident.strings[r.func]}
              {r.via.length ? (
                <div
                  className="muted diff-via"
                  title={r.via.map((f) => incident.strings[f]).join('\n')}
                >
                  the same change through {r.via.length} caller{r.via.length === 1 ? '' : 's'}:{' '}
                  {r.via
                    .slice(0, 3)
                    .map((f) => incident.strings[f])
                    .join(' ← ')}
                  {r.via.length > 3 ? ' …' : ''}
                </div>
              ) : null}
            </td>
            <td>{formatWeight(weight, r.before)}</td>
            <td>{formatWeight(weight, r.after)}</td>
            <td>{formatDelta(weight, r.before, r.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
