/**
 * The `.debrief` bundle: one JSON file with the postmortem, notes, markers, pins and view
 * state, and optionally the inputs themselves, that opens again by drag and drop.
 *
 * Schema history (bump `BUNDLE_VERSION` and keep reading older versions):
 * - 1: first version (every field below is "Added in 1").
 * - 2: `state.clocks`, per-input clock offsets and boot times (a version 1 bundle has none).
 * - 3: pin and note targets of type `crash` (a crash banner's facts); optional
 *   `clocks[].year` and `clocks[].dumpsTakenAt` (a reader that predates them ignores them).
 *   Later, still 3: the optional `state.transforms` (a page that does not know it ignores it),
 *   the optional `pins[].context`, the timeline range an event was pinned with, and the
 *   optional `pins[].snapshot`, the snapshot a group or frame was pinned in.
 *
 * Import never trusts the file: `parseBundle` checks every field and refuses a bad bundle with
 * a message that names the field, instead of loading half a document.
 */
import { isBase64, type EncodedContent } from '../../lib/encoding'
import type { GroupMode } from '../group'
import {
  Check,
  obj,
  str,
  num,
  oneOf,
  arr,
  BUNDLE_LIMITS,
  BundleError,
  type Json,
} from './bundle-check'
import { groupMode, validatePostmortemState } from './postmortem-validate'
import type { PostmortemState } from './types'

export { BundleError, BUNDLE_LIMITS } from './bundle-check'
export { validatePostmortemState } from './postmortem-validate'

export const BUNDLE_FORMAT = 'debrief-bundle'
export const BUNDLE_VERSION = 3
/** File name extension of bundles. */
export const BUNDLE_EXTENSION = '.debrief'

/** An input as the bundle carries it. */
export type BundleInput = {
  name: string
  bytes: number
  fingerprint: string
  /** The content, when the team chose to include inputs: UTF-8 text, or base64 for binary. */
  content?: EncodedContent
}

/** The view to restore: which tab, how groups are folded, the search box. */
export type BundleView = { activeView: string; groupMode: GroupMode; search: string }

export type DebriefBundle = {
  format: typeof BUNDLE_FORMAT
  version: typeof BUNDLE_VERSION
  /** When the bundle was written (ms since the epoch). */
  savedAt: number
  inputs: BundleInput[]
  state: PostmortemState
  view: BundleView
}

export function createBundle(
  state: PostmortemState,
  inputs: BundleInput[],
  view: BundleView,
  savedAt: number,
): DebriefBundle {
  return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, savedAt, inputs, state, view }
}

/**
 * The largest `.debrief` file opened: a browser holds at most about 512 M characters in one
 * string (V8), and a bundle is read as one JSON text.
 */
export const MAX_BUNDLE_FILE_BYTES = 500 * 1024 * 1024

/** Cheap check on a file's first bytes: is this worth parsing as a bundle? */
export function looksLikeBundle(name: string, head: string): boolean {
  return (
    name.toLowerCase().endsWith(BUNDLE_EXTENSION) ||
    /^\s*\{\s*"format"\s*:\s*"debrief-bundle"/.test(head)
  )
}

/** Parses and validates a bundle's text. Throws `BundleError` with a clear message. */
export function parseBundle(text: string): DebriefBundle {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new BundleError(
      `This .debrief file is not valid JSON (${error instanceof Error ? error.message : String(error)}). It may be truncated.`,
    )
  }
  return validateBundle(json)
}

/** Validates parsed JSON as a bundle; returns a clean copy holding only known fields. */
export function validateBundle(json: unknown): DebriefBundle {
  const c = new Check('bundle', true)
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new BundleError('This file is not a Debrief bundle: it holds no object.')
  const o = json as Json
  if (o.format !== BUNDLE_FORMAT)
    throw new BundleError(
      `This file is not a Debrief bundle: its "format" is ${JSON.stringify(o.format) ?? 'missing'}, not "${BUNDLE_FORMAT}".`,
    )
  if (typeof o.version !== 'number' || !Number.isInteger(o.version) || o.version < 1)
    c.at('version').fail('a whole number from 1', o.version)
  if ((o.version as number) > BUNDLE_VERSION)
    throw new BundleError(
      `This bundle was written by a newer Debrief (schema ${o.version}); this page reads schema ${BUNDLE_VERSION} and older. Open it with a newer version.`,
    )
  const inputs = arr(
    o.inputs,
    c.at('inputs'),
    (v, ic): BundleInput => {
      const io = obj(v, ic)
      const input: BundleInput = {
        name: str(io.name, ic.at('name')),
        bytes: num(io.bytes, ic.at('bytes')),
        fingerprint: str(io.fingerprint, ic.at('fingerprint')),
      }
      if (io.content !== undefined) {
        const cc = ic.at('content')
        const co = obj(io.content, cc)
        input.content = {
          encoding: oneOf(co.encoding, ['utf8', 'base64'], cc.at('encoding')),
          data: str(co.data, cc.at('data'), MAX_BUNDLE_FILE_BYTES),
        }
        // Checked here, so a damaged input is named instead of failing later in `atob`.
        if (input.content.encoding === 'base64' && !isBase64(input.content.data))
          cc.at('data').fail('base64 (A–Z, a–z, 0–9, +, / and = padding)', input.content.data)
      }
      return input
    },
    BUNDLE_LIMITS.inputs,
  )
  const vo = obj(o.view, c.at('view'))
  const state = validatePostmortemState(o.state, 'bundle.state', true)
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    savedAt: num(o.savedAt, c.at('savedAt')),
    inputs,
    state,
    view: {
      activeView: str(vo.activeView, c.at('view').at('activeView')),
      groupMode: groupMode(vo.groupMode, c.at('view').at('groupMode')),
      search: str(vo.search, c.at('view').at('search')),
    },
  }
}
