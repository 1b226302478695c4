import type { RegionFormat } from '../region'

/** Go panics, fatal errors and goroutine dumps. (Placeholder until the parser lands.) */
export const goFormat: RegionFormat = {
  format: 'go',
  sniff: () => -1,
  open: () => ({ push: () => false, close: () => {} }),
}
