/**
 * `npm run redact -- FILE [--patterns FILE] [--stats]`
 *
 * Writes FILE to stdout with secrets replaced by placeholders (`[aws-1]`), with the same
 * built-in rules a share link and an export use, before a log is attached to a ticket.
 * `--patterns` adds the team's own regexes, one per line (`#` starts a comment); `--stats`
 * prints what was replaced to stderr. Text that is not valid UTF-8 is read and written as
 * Latin-1, so every byte that is not part of a secret comes out unchanged.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { redactDocument } from '../model/redact/redact-document'
import { sniffCompression } from '../parse/text'

function readPatterns(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      patterns: { type: 'string' },
      stats: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help || positionals.length !== 1) {
    process.stderr.write('usage: npm run redact -- FILE [--patterns FILE] [--stats]\n')
    return values.help ? 0 : 64
  }
  const bytes = readFileSync(positionals[0])
  const compression = sniffCompression(bytes.subarray(0, 4))
  if (compression) {
    process.stderr.write(
      `redact: ${positionals[0]} is ${compression}-compressed; decompress it first (redacting compressed bytes would leave every secret in place).\n`,
    )
    return 65
  }
  let text: string
  let encoding: 'utf8' | 'latin1' = 'utf8'
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    encoding = 'latin1'
    text = bytes.toString('latin1')
  }
  const result = redactDocument(text, values.patterns ? readPatterns(values.patterns) : [])
  if ('error' in result) {
    process.stderr.write(`redact: ${values.patterns}: ${result.error}\n`)
    return 65
  }
  process.stdout.write(Buffer.from(result.text, encoding))
  if (values.stats) {
    const found = Object.entries(result.counts).map(([id, n]) => `${id} ×${n}`)
    process.stderr.write(`redacted: ${found.length ? found.join(', ') : 'nothing found'}\n`)
  }
  return 0
}

try {
  process.exitCode = main()
} catch (error) {
  process.stderr.write(`redact: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
