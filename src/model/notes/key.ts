/**
 * The key a postmortem is saved under: the fingerprints of its inputs, sorted, so opening the
 * same files again (in any order, under any names) brings the same document back.
 */
export function computeIncidentKey(sources: readonly { fingerprint: string }[]): string {
  return sources
    .map((s) => s.fingerprint)
    .sort()
    .join('+')
}
