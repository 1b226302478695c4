import { describe, expect, it } from 'vitest'
import { IncidentBuilder } from '../../model/builder'
import { MetricPoints } from './metric-points'

describe('MetricPoints', () => {
  it.each([0, 1, 7, 8, 1023, 1024, 1025, 5000])(
    'hands %i points to the series in their order, across batches',
    (n) => {
      const b = new IncidentBuilder()
      b.beginSource('a.log', 0, '')
      const points = new MetricPoints(b.seriesPoints('latency', 'ms'))
      const times = Array.from({ length: n }, (_, i) => 1000 + i * 3)
      const values = Array.from({ length: n }, (_, i) => (i * 7919) % 101)
      for (let i = 0; i < n; i++) points.add(times[i], values[i])
      points.flush()
      points.flush()
      const series = b.build().series.find((s) => s.name === 'latency')
      expect(Array.from(series?.time ?? [])).toEqual(times)
      expect(Array.from(series?.value ?? [])).toEqual(values)
    },
  )
})
