import { useEffect, useMemo, useState } from 'react'
import { clockOfSetting, findSourceClock } from '../../model/notes/clocks'
import { parseUtcInput } from '../../model/notes/document'
import type { SourceClockSetting } from '../../model/notes/types'
import { suggestBootTime } from '../../model/timeline/boot-anchor'
import { formatClockOffset, parseClockOffset } from '../../model/timeline/clock-offset'
import type { SourceClock } from '../../model/timeline/source-clocks'
import type { Incident, SourceInfo } from '../../model/types'
import { formatTime } from '../format'
import { sourceColor } from './source-colors'
import { SourceYearField } from './SourceYearField'

type Props = {
  /** The incident as parsed (since-boot times not anchored yet). */
  readonly incident: Incident
  readonly clocks: readonly SourceClockSetting[]
  /** Which inputs have since-boot times, by source index. */
  readonly sinceBoot: readonly boolean[]
  readonly zone: 'utc' | 'local'
  onChange(source: SourceInfo, clock: SourceClock): void
}

/**
 * The inputs on the timeline, each with its colour, a clock offset for clocks that disagree,
 * and for since-boot times a boot time (with one proposed when a line printed both clocks).
 */
export function SourcesPanel({ incident, clocks, sinceBoot, zone, onChange }: Props) {
  return (
    <fieldset className="sources-panel" data-testid="sources-panel">
      <legend>Sources</legend>
      <ul>
        {incident.sources.map((source, i) => (
          <SourceRow
            key={`${i}:${source.fingerprint}`}
            incident={incident}
            index={i}
            setting={findSourceClock(clocks, source)}
            sinceBoot={sinceBoot[i]}
            zone={zone}
            onChange={(clock) => onChange(source, clock)}
          />
        ))}
      </ul>
    </fieldset>
  )
}

function SourceRow({
  incident,
  index,
  setting,
  sinceBoot,
  zone,
  onChange,
}: {
  readonly incident: Incident
  readonly index: number
  readonly setting: SourceClockSetting | undefined
  readonly sinceBoot: boolean
  readonly zone: 'utc' | 'local'
  onChange(clock: SourceClock): void
}) {
  const source = incident.sources[index]
  // Every change keeps the other settings of the clock.
  const clock = clockOfSetting(setting)
  const offsetMs = clock.offsetMs
  const bootTimeMs = clock.bootTimeMs
  const [offsetText, setOffsetText] = useState(offsetMs ? formatClockOffset(offsetMs) : '')
  const [bootText, setBootText] = useState(bootInputValue(bootTimeMs))
  // Follow changes made elsewhere (another tab, a restored postmortem).
  useEffect(() => {
    setOffsetText((text) => {
      const parsed = parseClockOffset(text)
      return parsed.type === 'ok' && parsed.ms === offsetMs
        ? text
        : offsetMs
          ? formatClockOffset(offsetMs)
          : ''
    })
  }, [offsetMs])
  useEffect(() => {
    setBootText((text) =>
      parseUtcInput(text) === (bootTimeMs ?? null) ? text : bootInputValue(bootTimeMs),
    )
  }, [bootTimeMs])
  const offset = parseClockOffset(offsetText)
  const boot = parseUtcInput(bootText)
  const bootInvalid = bootText.trim() !== '' && boot === null
  // One pass over the events: not on every keystroke.
  const suggestion = useMemo(
    () => (sinceBoot ? suggestBootTime(incident, index) : null),
    [incident, index, sinceBoot],
  )
  const name = source.name
  const offsetId = `source-offset-${index}`
  const bootId = `source-boot-${index}`
  return (
    <li className="source-row" data-testid="source-row">
      <span
        className="source-swatch"
        style={{ background: sourceColor(index) }}
        aria-hidden="true"
      />
      <span className="source-name" title={`${name} (fingerprint ${source.fingerprint})`}>
        {name}
      </span>
      <label className="source-field" htmlFor={offsetId}>
        Clock offset
      </label>
      <input
        id={offsetId}
        className="source-offset"
        aria-label={`Clock offset of ${name}`}
        aria-invalid={offset.type === 'error'}
        aria-describedby={offset.type === 'error' ? `${offsetId}-error` : undefined}
        placeholder="+2h, -90s, +00:05:00"
        size={12}
        value={offsetText}
        onChange={(e) => {
          setOffsetText(e.target.value)
          const parsed = parseClockOffset(e.target.value)
          // Saved as soon as it reads as an offset, so a reload keeps what was typed.
          if (parsed.type === 'ok' && parsed.ms !== offsetMs)
            onChange({ ...clock, offsetMs: parsed.ms })
        }}
        onBlur={() => {
          if (offset.type === 'ok') setOffsetText(offset.ms ? formatClockOffset(offset.ms) : '')
        }}
      />
      {offset.type === 'error' ? (
        <span id={`${offsetId}-error`} className="source-error" role="alert">
          {offset.message}
        </span>
      ) : null}
      {sinceBoot ? (
        <>
          <label className="source-field" htmlFor={bootId}>
            Booted at (UTC)
          </label>
          <input
            id={bootId}
            aria-label={`Boot time of ${name} (UTC)`}
            aria-invalid={bootInvalid}
            placeholder="YYYY-MM-DD HH:MM:SS"
            size={22}
            value={bootText}
            onChange={(e) => {
              setBootText(e.target.value)
              const parsed = parseUtcInput(e.target.value)
              if (e.target.value.trim() === '') onChange({ ...clock, bootTimeMs: undefined })
              else if (parsed !== null && parsed !== bootTimeMs)
                onChange({ ...clock, bootTimeMs: parsed })
            }}
          />
          {bootTimeMs === undefined ? (
            <span className="muted source-hint">times count from boot until it is set</span>
          ) : null}
          {suggestion && suggestion.bootTimeMs !== bootTimeMs ? (
            <button
              type="button"
              className="button"
              title={`Line ${suggestion.line + 1} of ${incident.sources[suggestion.source].name} printed both the date and the time since boot`}
              onClick={() => {
                setBootText(bootInputValue(suggestion.bootTimeMs))
                onChange({ ...clock, bootTimeMs: suggestion.bootTimeMs })
              }}
            >
              Use boot time {formatTime(suggestion.bootTimeMs, 'absolute', zone)} from{' '}
              {incident.sources[suggestion.source].name}:{suggestion.line + 1}
            </button>
          ) : null}
        </>
      ) : null}
      {source.assumedYear ? (
        <SourceYearField
          name={name}
          id={`source-year-${index}`}
          assumed={source.assumedYear}
          year={clock.year}
          onChange={(year) => onChange({ ...clock, year })}
        />
      ) : null}
    </li>
  )
}

function bootInputValue(ms: number | undefined): string {
  return ms === undefined ? '' : new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
}
