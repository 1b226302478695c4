import type { IncidentPart } from '../model/merge'
import { parseInputs } from '../parse/index'
import { findSplitPoints } from '../parse/split'
import { inputFromBytes } from './incident-snapshot'

/**
 * Cuts `bytes` into `n` parts by the workers' rule and parses each part on its own, as the
 * parallel path does: the cuts (file offsets, the last one the size) and the parts to merge.
 */
export async function parseInParts(
  name: string,
  bytes: Uint8Array,
  n: number,
): Promise<{ cuts: number[]; parts: IncidentPart[] }> {
  const blob = new Blob([bytes as BlobPart])
  const cuts = await findSplitPoints(blob, n)
  const parts = await Promise.all(
    cuts.slice(0, -1).map(async (start, k) => ({
      startByte: start,
      incident: await parseInputs([
        inputFromBytes(name, new Uint8Array(await blob.slice(start, cuts[k + 1]).arrayBuffer())),
      ]),
    })),
  )
  return { cuts, parts }
}
