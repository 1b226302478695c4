import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { assertIncidentIntegrity, parseFixture, parseText } from '../../test/incident-snapshot'
import { isTar } from './archive-member'

const dir = join(__dirname, '__fixtures__')
const bytes = (name: string) => new Uint8Array(readFileSync(join(dir, name)))

/** Regular files of a tar, read header by header (ustar: size in octal at 124, type at 156). */
function tarFiles(tar: Uint8Array): { name: string; data: Uint8Array }[] {
  const files: { name: string; data: Uint8Array }[] = []
  const text = (from: number, len: number) =>
    new TextDecoder().decode(tar.subarray(from, from + len)).replace(/\0.*$/s, '')
  for (let at = 0; at + 512 <= tar.length && tar[at] !== 0;) {
    const size = parseInt(text(at + 124, 12).trim(), 8)
    const type = String.fromCharCode(tar[at + 156])
    if (type === '0' || type === '\0')
      files.push({ name: text(at, 100), data: tar.subarray(at + 512, at + 512 + size) })
    at += 512 + Math.ceil(size / 512) * 512
  }
  return files
}

/** The archive's files as the archive itself lists them, and which of them are binary. */
function membersOf(name: string): { name: string; binary: boolean }[] {
  const raw = bytes(name)
  const files = name.endsWith('.zip')
    ? Object.entries(unzipSync(raw))
        .filter(([path]) => !path.endsWith('/'))
        .map(([path, data]) => ({ name: path, data }))
    : tarFiles(gunzipSync(raw))
  // The ELF magic: the one member that is neither text nor a profile.
  return files.map((f) => ({ name: f.name, binary: f.data[0] === 0x7f && f.data[1] === 0x45 }))
}

describe('support bundles', () => {
  it.each(['crash-artifacts.zip', 'crash-artifacts-streamed.zip', 'crash-artifacts.tar.gz'])(
    '%s: every text member is a source named by its path; binaries are skipped with a line',
    async (name) => {
      const incident = await parseFixture(join(dir, name))
      assertIncidentIntegrity(incident)
      const members = membersOf(name)
      expect(members.length).toBe(6)
      const [archive, ...sources] = incident.sources
      expect(archive.name).toBe(name)
      expect(sources.map((s) => s.name).sort()).toEqual(
        members
          .filter((m) => !m.binary)
          .map((m) => m.name)
          .sort(),
      )
      expect(archive.warnings).toEqual(
        members
          .filter((m) => m.binary)
          .map((m) => `Skipped ${m.name} (binary, an ELF executable or core file).`),
      )
      const format = (path: string) =>
        sources.find((s) => s.name.endsWith(path))!.regions.map((r) => r.format)
      expect(format('heap.pb.gz')).toEqual(['pprof'])
      expect(format('massif.out.leaky_cache')).toEqual(['massif'])
      expect(format('panic.txt')).toEqual(['go'])
      expect(format('worker.log.gz')).toEqual(['log'])
    },
  )

  it('reads a member exactly as the same file on its own', async () => {
    const inside = await parseFixture(join(dir, 'crash-artifacts.tar.gz'))
    const alone = await parseFixture(join(dir, '../../massif/__fixtures__/massif.out.leaky_cache'))
    // The Go panic member is a dump snapshot of its own; the massif member's are compared.
    const member = inside.sources.findIndex((s) => s.name.endsWith('/massif.out.leaky_cache'))
    const ofMember = inside.snapshots.filter((s) => s.source === member)
    expect(ofMember.map((s) => s.bytes)).toEqual(alone.snapshots.map((s) => s.bytes))
    expect(ofMember.map((s) => s.label)).toEqual(alone.snapshots.map((s) => s.label))
  })

  it.each([
    ['a zip cut in half', 'crash-artifacts.zip'],
    ['a tar.gz cut in half', 'crash-artifacts.tar.gz'],
  ])('%s: reads the members before the cut and says where it stopped', async (_label, name) => {
    const raw = bytes(name)
    const incident = await parseText(raw.slice(0, raw.length >> 1), name)
    assertIncidentIntegrity(incident)
    expect(incident.sources[0].warnings.join(' ')).toMatch(/could not be read to the end|truncated/)
  })

  it('tells a tar header by its ustar magic', () => {
    expect(isTar(gunzipSync(bytes('crash-artifacts.tar.gz')))).toBe(true)
    expect(isTar(new TextEncoder().encode('ustar '.repeat(100)))).toBe(false)
  })
})
