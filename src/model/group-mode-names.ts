import type { GroupMode } from './group'

/**
 * Grouping modes by the short names the command line (`--group app`) and deep links
 * (`#mode=app`) use: `exact`, `lines`, `functions`, `topN` (the first N frames), `app`,
 * `created-by`, `state`, `labels`, `label:KEY` (one label: `label:pid`).
 */
export function groupModeName(mode: GroupMode): string {
  switch (mode.type) {
    case 'exact':
    case 'lines':
    case 'functions':
    case 'state':
    case 'labels':
      return mode.type
    case 'top':
      return `top${mode.frames}`
    case 'firstApp':
      return 'app'
    case 'createdBy':
      return 'created-by'
    case 'label':
      return `label:${mode.key}`
  }
}

/** The mode a name stands for, or null for a name that is none of them. */
export function parseGroupModeName(name: string): GroupMode | null {
  switch (name) {
    case 'exact':
    case 'lines':
    case 'functions':
    case 'state':
    case 'labels':
      return { type: name }
    case 'app':
      return { type: 'firstApp' }
    case 'created-by':
      return { type: 'createdBy' }
  }
  const label = /^label:([\w.-]{1,64})$/.exec(name)
  if (label) return { type: 'label', key: label[1] }
  const top = /^top([1-9]\d?)$/.exec(name)
  return top ? { type: 'top', frames: Number(top[1]) } : null
}
