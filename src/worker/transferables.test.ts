import { describe, expect, it } from 'vitest'
import { modelTables } from '../model/schema'
import { parseText } from '../test/incident-snapshot'
import { transferablesOf } from './transferables'

describe('the transfer list', () => {
  it('holds the buffer of every column of every table, each once', async () => {
    const incident = await parseText(
      '2024-11-22T10:00:00Z INFO goroutines: 3\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:5 +0x1\n',
    )
    const buffers = transferablesOf(incident)
    expect(new Set(buffers).size).toBe(buffers.length)
    for (const [table, schema] of Object.entries(modelTables)) {
      for (const column of Object.keys(schema)) {
        const array = (
          incident[table as keyof typeof modelTables] as object as Record<string, ArrayBufferView>
        )[column]
        expect(buffers, `${table}.${column}`).toContain(array.buffer)
      }
    }
    expect(buffers).toContain(incident.series[0].time.buffer)
  })
})
