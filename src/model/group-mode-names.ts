import type { GroupMode } from './group'

/**
 * Grouping modes by the short names the command line (`--group app`) and deep links
 * (`#mode=app`) use: `exact`, `lines`, `functions`, `topN` (the first N frames), `app`,
 * `created-by`, `state`, `labels`.
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
  const top = /^top([1-9]\d?)$/.exec(name)
  return top ? { type: 'top', frames: Number(top[1]) } : null
}
