import type { Group } from '../model/group'

/**
 * A group's fields as a plain object, to compare groups in tests: a group of one record
 * answers through getters, which deep equality does not read.
 */
export function groupFields(g: Group) {
  return {
    key: g.key,
    records: [...g.records],
    count: g.count,
    bytes: g.bytes,
    allocations: g.allocations,
    states: g.states,
    waitMinutes: g.waitMinutes,
    stack: g.stack,
    label: g.label,
    labelFrame: g.labelFrame,
    createdBy: g.createdBy,
    crashed: g.crashed,
    variants: g.variants,
  }
}
