import { frameKindNames, type FrameKind } from '../types'
import type { Transform } from './types'
import { compileUserRegex } from '../user-regex'

/**
 * One text form for transforms, shared by the command line (`--transform`), the address
 * (`#tf=`), saved postmortems and presets: comma-separated `kind:argument` items,
 *
 *   focus:F  through:F  merge:F  drop:F  rec:F  drec:F  module:M
 *   hide:runtime+stdlib (kinds)  hide:/regex/flags (function, file or module)
 *
 * A `,` or `%` inside an argument (C++ templates, regexes) is written `%2C` / `%25`.
 */
export function formatTransforms(transforms: readonly Transform[]): string {
  return transforms.map(formatTransform).join(',')
}

export function formatTransform(t: Transform): string {
  switch (t.type) {
    case 'focus':
    case 'through':
    case 'merge':
    case 'drop':
    case 'rec':
    case 'drec':
      return `${t.type}:${escape(t.func)}`
    case 'module':
      return `module:${escape(t.module)}`
    case 'hide-kind':
      return `hide:${t.kinds.map((k) => frameKindNames[k]).join('+')}`
    case 'hide-regex':
      return `hide:${escape(t.pattern)}`
  }
}

/** Parsed transforms, or the first item that is not one, with the reason. */
export type ParsedTransforms = { transforms: Transform[] } | { error: string }

/** At most this many transforms in one stack: a link is not a program. */
export const MAX_TRANSFORMS = 32
/** Longest argument accepted (a function name, a module, a pattern). */
const MAX_ARGUMENT = 1000

export function parseTransforms(text: string): ParsedTransforms {
  const items = text.split(',').filter((s) => s.trim() !== '')
  if (items.length > MAX_TRANSFORMS)
    return { error: `${items.length} transforms; at most ${MAX_TRANSFORMS} are read.` }
  const transforms: Transform[] = []
  for (const item of items) {
    const t = parseTransform(item.trim())
    if (typeof t === 'string') return { error: `"${item.trim().slice(0, 80)}": ${t}` }
    transforms.push(t)
  }
  return { transforms }
}

const kindByName = new Map<string, FrameKind>(
  Object.entries(frameKindNames).map(([k, name]) => [name, Number(k) as FrameKind]),
)

/** One item, or why it is not one. */
function parseTransform(item: string): Transform | string {
  const colon = item.indexOf(':')
  if (colon < 0) return 'expected kind:argument (merge:F, hide:stdlib …)'
  const kind = item.slice(0, colon)
  const arg = unescape(item.slice(colon + 1))
  if (arg === '') return 'the argument is empty'
  if (arg.length > MAX_ARGUMENT) return `the argument is longer than ${MAX_ARGUMENT} characters`
  switch (kind) {
    case 'focus':
    case 'through':
    case 'merge':
    case 'drop':
    case 'rec':
    case 'drec':
      return { type: kind, func: arg }
    case 'module':
      return { type: 'module', module: arg }
    case 'hide': {
      if (arg.startsWith('/')) {
        const end = arg.lastIndexOf('/')
        if (end < 2) return 'a pattern is written /regex/ or /regex/flags'
        const compiled = compileUserRegex(arg.slice(1, end), arg.slice(end + 1))
        if (typeof compiled !== 'function') return compiled.error
        return { type: 'hide-regex', pattern: arg }
      }
      const kinds: FrameKind[] = []
      for (const name of arg.split('+')) {
        const k = kindByName.get(name)
        if (k === undefined)
          return `"${name}" is not a frame kind (${[...kindByName.keys()].join(', ')}) nor a /regex/`
        if (!kinds.includes(k)) kinds.push(k)
      }
      return { type: 'hide-kind', kinds }
    }
    default:
      return `"${kind}" is not a transform (focus, through, merge, drop, rec, drec, module, hide)`
  }
}

function escape(s: string): string {
  return s.replace(/%/g, '%25').replace(/,/g, '%2C')
}

function unescape(s: string): string {
  return s.replace(/%2C/gi, ',').replace(/%25/g, '%')
}
