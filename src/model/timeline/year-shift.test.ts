import { describe, expect, it } from 'vitest'
import { makeYearShifter, shiftYears, yearsToModified } from './year-shift'

const iso = (t: number) => new Date(t).toISOString()

describe('shiftYears', () => {
  it('keeps the month, day and time of day', () => {
    expect(iso(shiftYears(Date.UTC(2026, 4, 3, 8, 0, 29, 5), -1))).toBe('2025-05-03T08:00:29.005Z')
    expect(iso(shiftYears(Date.UTC(2023, 11, 31, 23, 59, 59), 2))).toBe('2025-12-31T23:59:59.000Z')
  })

  it('moves a leap day of a common year to 1 March, and days after it by the calendar', () => {
    expect(iso(shiftYears(Date.UTC(2024, 1, 29, 12), 1))).toBe('2025-03-01T12:00:00.000Z')
    // 1 March is 60 days into 2025 and 61 into 2024: not a fixed number of milliseconds.
    expect(iso(shiftYears(Date.UTC(2025, 2, 1), -1))).toBe('2024-03-01T00:00:00.000Z')
  })

  it('agrees with the shifter that caches one day', () => {
    const shift = makeYearShifter(-3)
    for (const t of [
      Date.UTC(2024, 1, 28, 23, 59),
      Date.UTC(2024, 1, 29, 0, 1),
      Date.UTC(2024, 1, 29, 18),
      Date.UTC(2024, 2, 1, 0, 0, 1),
      Date.UTC(2023, 11, 31, 5),
    ])
      expect(shift(t)).toBe(shiftYears(t, -3))
  })
})

describe('yearsToModified', () => {
  const lastLine = Date.UTC(2026, 4, 2, 14, 51, 13) // `May  2 14:51:13`, read in 2026
  it.each([
    ['modified the same afternoon', Date.UTC(2019, 4, 2, 15), -7],
    ['modified the next January', Date.UTC(2020, 0, 10), -7],
    ['modified a few hours earlier in UTC (a zone east of UTC)', Date.UTC(2019, 4, 2, 4), -7],
    ['modified the day before', Date.UTC(2019, 4, 1, 0), -8],
    ['modified years later', Date.UTC(2030, 6, 1), 4],
  ])('%s', (_name, modified, years) => {
    expect(yearsToModified(lastLine, modified)).toBe(years)
    expect(shiftYears(lastLine, years)).toBeLessThanOrEqual(modified + 14 * 3_600_000)
  })
})
