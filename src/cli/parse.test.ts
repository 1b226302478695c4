import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const churnDump = fileURLToPath(
  new URL('../parse/go/__fixtures__/local-go119-gen-dump-n2000-churn.txt', import.meta.url),
)

/** Runs `npm run parse -- …` as a script would, with stdout on a pipe, and collects all of it. */
function runParseCli(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'parse', '--', ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const chunks: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks).toString('utf8') }))
  })
}

describe('npm run parse -- FILE --json', () => {
  // Guards against JSON cut at 65,536 bytes (one pipe buffer) when the process exited before
  // stdout drained, e.g. under `| jq`.
  it('writes the whole document to a pipe', async () => {
    const { code, stdout } = await runParseCli([churnDump, '--json', '--group', 'exact'])
    expect(code).toBe(0)
    expect(stdout.length).toBeGreaterThan(4 * 65_536)
    const json = JSON.parse(stdout) as { records: number; groups: { count: number }[] }
    const goroutineHeaders = readFileSync(churnDump, 'utf8').match(/^goroutine \d+ \[/gm) ?? []
    expect(json.records).toBe(goroutineHeaders.length)
    expect(json.groups.reduce((sum, g) => sum + g.count, 0)).toBe(goroutineHeaders.length)
  }, 120_000)
})
