// @vitest-environment happy-dom
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultGroupMode } from '../../model/group'
import { createPostmortemState, findSection, updateSection } from '../../model/notes/document'
import { resolvePin } from '../../model/notes/pins'
import { addMarker, addNote, pinTarget } from '../../model/notes/postmortem'
import type { PinTarget, PostmortemState } from '../../model/notes/types'
import { redactDocument } from '../../model/redact/redact-document'
import { decodeShareFragment, encodeShareFragment } from '../../model/share/share-link'
import { corpusForms, secretSamples, secretSpellings } from '../../test/secrets-corpus'
import { buildHtmlExport, buildMarkdownExport } from '../annotations/export'
import { prepareShare } from './build-share'
import { computeFingerprint } from '../../lib/fingerprint'
import { defaultRedactionSettings, redactTexts } from './redact-share'

/** A postmortem that carries `text` in every free-text field an export writes. */
function postmortemWith(text: string): PostmortemState {
  const firstLine = text.split('\n')[0]
  let state = createPostmortemState(firstLine)
  const summary = findSection(state.doc, 'summary')!
  state = { ...state, doc: updateSection(state.doc, summary.id, { body: text }) }
  state = { ...state, doc: { ...state.doc, owner: firstLine, services: firstLine } }
  const lines: PinTarget = {
    type: 'lines',
    source: 'fp',
    first: 0,
    last: 0,
    text: text.split('\n'),
  }
  const event: PinTarget = { type: 'event', source: 'fp', line: 0, time: 0, text: firstLine }
  state = pinTarget(state, lines, 1, null, firstLine).state
  state = pinTarget(state, event, 2).state
  state = addNote(state, event, text, 3).state
  state = addMarker(state, 4, firstLine, 'trigger').state
  return state
}

/** Every export of the postmortem (and of the input as text), as the text that leaves the page. */
async function allExports(text: string): Promise<Record<string, string>> {
  const state = postmortemWith(text)
  const resolve = (pin: { target: PinTarget }) => resolvePin(null, pin.target, state.markers)
  const bytes = new TextEncoder().encode(text)
  const prepared = await prepareShare({
    state,
    sources: [
      {
        name: 'service.log',
        bytes: bytes.length,
        fingerprint: computeFingerprint(bytes),
        blob: new Blob([bytes]),
      },
    ],
    view: { activeView: 'stacks', groupMode: defaultGroupMode, search: text.split('\n')[0] },
    includeInputs: true,
    settings: defaultRedactionSettings(),
    now: 0,
    run: async (r) => redactTexts(r.settings, r.texts, r.previewFor),
  })
  expect(prepared.inputsLeftOut).toBeNull()
  const link = encodeShareFragment(prepared.bundle)
  const cli = redactDocument(text)
  if ('error' in cli) throw new Error(cli.error)
  return {
    Markdown: buildMarkdownExport(state, resolve, true).text,
    'HTML report': buildHtmlExport(state, null, resolve, true).text,
    bundle: JSON.stringify(prepared.bundle, null, 1),
    'share link': link,
    'share link, decoded': JSON.stringify(decodeShareFragment(link.slice('share='.length))),
    'command-line redactor': cli.text,
  }
}

describe('the redaction corpus: no secret survives any export', () => {
  describe.each(corpusForms.map((f) => [f.form, f] as const))('written as %s', (_form, form) => {
    it.each(secretSamples.map((s) => [s.kind, s] as const))('%s', async (_kind, sample) => {
      const text = form.write(sample)
      // The corpus is real: the secret is in the input as written.
      expect(sample.secrets.some((s) => secretSpellings(s).some((w) => text.includes(w)))).toBe(
        true,
      )
      for (const [where, out] of Object.entries(await allExports(text))) {
        for (const secret of sample.secrets)
          for (const spelling of secretSpellings(secret))
            expect(out.includes(spelling), `${spelling.slice(0, 40)} in the ${where}`).toBe(false)
      }
    })
  })

  it('a whole log of every kind loses them all and keeps the rest', async () => {
    const text = secretSamples.map((s) => corpusForms[0].write(s)).join('\n')
    const out = await allExports(text)
    for (const secret of secretSamples.flatMap((s) => s.secrets))
      for (const [where, exported] of Object.entries(out))
        expect(exported.includes(secret), `${secret.slice(0, 40)} in the ${where}`).toBe(false)
    expect(out['command-line redactor']).toContain('ERROR worker: DB_PASSWORD="[key-value-secret-')
  })
})

describe('npm run redact', () => {
  it('writes the file redacted to stdout, with the team’s own patterns too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'redact-'))
    const log = join(dir, 'service.log')
    const patterns = join(dir, 'patterns.txt')
    const text = secretSamples.map((s) => s.line).join('\n') + '\nticket INC-48213 opened\n'
    writeFileSync(log, text)
    writeFileSync(patterns, '# ticket numbers\n/INC-\\d+/\n')
    const out = execFileSync('npx', ['tsx', 'src/cli/redact.ts', log, '--patterns', patterns], {
      encoding: 'utf8',
    })
    expect(out.split('\n')).toHaveLength(text.split('\n').length)
    for (const secret of secretSamples.flatMap((s) => s.secrets)) expect(out).not.toContain(secret)
    expect(out).toContain('ticket [custom-1-1] opened')
    expect(out).toBe((redactDocument(text, ['/INC-\\d+/']) as { text: string }).text)
    // Starting tsx takes seconds on a loaded machine.
  }, 60_000)
})
