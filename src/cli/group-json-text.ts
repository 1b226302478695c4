import { flatString } from '../lib/flat-string'
import type { Group } from '../model/group'
import type { SnapshotWeight } from '../model/group-growth'
import type { Incident } from '../model/types'
import { NONE } from '../model/types'

/** Characters `JSON.stringify` escapes in a string (a surrogate only when lone). */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/

/** Function names whose JSON text is kept, by string index (a power of two). */
const QUOTED_SLOTS = 4096

/**
 * Writes each group of `--json` as the text `JSON.stringify` makes of its `GroupJson`, without
 * making that object: a dump of a million distinct stacks writes a million groups, and
 * stringifying their objects escaped every key and name character by character.
 *
 * Runs of fields that repeat the previous group's (weights, states, created-by site; the
 * functions of a stack that differs only in lines) are kept as one flat text and reused: a
 * group's text is a string of a few pieces, where joining one of thirty pieces (each name,
 * key and number) cost more than writing it.
 */
export class GroupJsonText {
  // By slot: the string index whose quoted function name is there, and that text.
  private readonly quotedIndex = new Int32Array(QUOTED_SLOTS).fill(NONE)
  private readonly quotedText: string[] = new Array<string>(QUOTED_SLOTS).fill('')
  // The fields from `createdBy` to `states` of the last group, and what they were made from.
  private readonly fields = new ReusedText()
  private fieldsCreatedBy: string | null = null
  private fieldsStates: Group['states'] | null = null
  private readonly fieldsNumbers = [NaN, NaN, NaN, NaN, NaN, NaN]
  // The last group's frames: their function names (string indices), count and text.
  private lastFuncs = new Int32Array(64)
  private lastFuncCount = -1
  private readonly frames = new ReusedText()
  // The fields from `bytes` to the end of the last group, and what they were made from.
  private readonly tail = new ReusedText()
  private tailBytes = NaN
  private tailAllocations = NaN
  private tailCrashed = false

  constructor(
    /** The incident the groups were made from (its stacks). */
    private readonly shown: Incident,
    /** The incident that names the frames. */
    private readonly incident: Incident,
  ) {}

  /** `JSON.stringify` of the group's `GroupJson`, its growth being `bySnapshot`. */
  text(g: Group, bySnapshot: readonly SnapshotWeight[]): string {
    const w = g.waitMinutes
    return (
      '{"label":' +
      this.labelText(g) +
      this.fieldsText(g, bySnapshot) +
      ',"waitMinutes":' +
      (w === null ? 'null' : '[' + numberText(w[0]) + ',' + numberText(w[1]) + ']') +
      ',"frames":' +
      this.framesText(g.stack) +
      this.tailText(g)
    )
  }

  private labelText(g: Group): string {
    const label = g.label
    const frame = g.labelFrame
    // Mostly the name of the frame it names, quoted once for the frames too.
    if (frame !== NONE) {
      const func = this.incident.frames.func[frame]
      if (this.incident.strings[func] === label) return this.quotedFunc(func)
    }
    return quote(label)
  }

  /** `,"createdBy":…,"bySnapshot":…,"count":…,"states":[…]`. */
  private fieldsText(g: Group, bySnapshot: readonly SnapshotWeight[]): string {
    const { createdBy, count, states } = g
    // A group of one record shares its list of states with every group of its state and
    // weight, and its growth is at most one row.
    const rows = bySnapshot.length
    const row = rows === 1 ? bySnapshot[0] : NO_ROW
    const n = this.fieldsNumbers
    if (
      rows === n[0] &&
      createdBy === this.fieldsCreatedBy &&
      states === this.fieldsStates &&
      count === n[1] &&
      row.snapshot === n[2] &&
      row.count === n[3] &&
      row.bytes === n[4] &&
      row.allocations === n[5]
    )
      return this.fields.again()
    this.fieldsCreatedBy = createdBy
    this.fieldsStates = states
    // Growth of several rows is not compared: such a group is made again.
    n[0] = rows <= 1 ? rows : NaN
    n[1] = count
    n[2] = row.snapshot
    n[3] = row.count
    n[4] = row.bytes
    n[5] = row.allocations
    let statesText = '['
    for (let k = 0; k < states.length; k++)
      statesText += (k > 0 ? ',' : '') + quote(states[k].state)
    return this.fields.set(
      ',"createdBy":' +
        (createdBy === null ? 'null' : quote(createdBy)) +
        ',"bySnapshot":' +
        weightsText(bySnapshot) +
        ',"count":' +
        numberText(count) +
        ',"states":' +
        statesText +
        ']',
    )
  }

  /** The function of each frame of the stack, leaf first. */
  private framesText(leaf: number): string {
    const { prefix, frame } = this.shown.stacks
    const funcOf = this.incident.frames.func
    // The same functions as the last group's (a stack that differs in lines only)?
    let k = 0
    let node = leaf
    const last = this.lastFuncs
    for (; node !== NONE && k < last.length; node = prefix[node], k++)
      if (last[k] !== funcOf[frame[node]]) break
    if (node === NONE && k === this.lastFuncCount) return this.frames.again()
    let funcs = this.lastFuncs
    let text = '['
    k = 0
    for (node = leaf; node !== NONE; node = prefix[node], k++) {
      const func = funcOf[frame[node]]
      if (k === funcs.length) {
        funcs = new Int32Array(funcs.length * 2)
        funcs.set(this.lastFuncs)
        this.lastFuncs = funcs
      }
      funcs[k] = func
      text += (k > 0 ? ',' : '') + this.quotedFunc(func)
    }
    this.lastFuncCount = k
    return this.frames.set(text + ']')
  }

  /** `,"bytes":…,"allocations":…,"crashed":…}`. */
  private tailText(g: Group): string {
    const { bytes, allocations, crashed } = g
    if (
      bytes === this.tailBytes &&
      allocations === this.tailAllocations &&
      crashed === this.tailCrashed
    )
      return this.tail.again()
    this.tailBytes = bytes
    this.tailAllocations = allocations
    this.tailCrashed = crashed
    return this.tail.set(
      ',"bytes":' +
        numberText(bytes) +
        ',"allocations":' +
        numberText(allocations) +
        ',"crashed":' +
        (crashed ? 'true' : 'false') +
        '}',
    )
  }

  /** The string `index` quoted, from the cache when it was quoted last in its slot. */
  private quotedFunc(index: number): string {
    const slot = index & (QUOTED_SLOTS - 1)
    if (this.quotedIndex[slot] === index) return this.quotedText[slot]
    const text = quote(this.incident.strings[index])
    this.quotedIndex[slot] = index
    this.quotedText[slot] = text
    return text
  }
}

/**
 * A text made of pieces, made flat the first time it is used again: a text used once is
 * copied once, when the output is joined, and one used by many groups is copied as one piece.
 */
class ReusedText {
  private text = ''
  private flat = false

  set(text: string): string {
    this.text = text
    this.flat = false
    return text
  }

  again(): string {
    if (!this.flat) {
      this.text = flatString(this.text)
      this.flat = true
    }
    return this.text
  }
}

/** The growth row compared when a group has none. */
const NO_ROW: SnapshotWeight = { snapshot: NONE, count: 0, bytes: 0, allocations: 0 }

/** `JSON.stringify(s)`, which a string needs only when it holds a character to escape. */
function quote(s: string): string {
  return ESCAPED.test(s) ? JSON.stringify(s) : '"' + s + '"'
}

/** Texts of the small whole numbers most counts are. */
const SMALL_NUMBERS = Array.from({ length: 1024 }, (_, n) => String(n))

/** `JSON.stringify(n)`: a finite number as `String` writes it, else null. */
function numberText(n: number): string {
  if (n >= 0 && n < SMALL_NUMBERS.length && n === Math.floor(n)) return SMALL_NUMBERS[n]
  return Number.isFinite(n) ? String(n) : 'null'
}

function weightsText(rows: readonly SnapshotWeight[]): string {
  let text = '['
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]
    text +=
      (k > 0 ? ',' : '') +
      '{"snapshot":' +
      numberText(r.snapshot) +
      ',"count":' +
      numberText(r.count) +
      ',"bytes":' +
      numberText(r.bytes) +
      ',"allocations":' +
      numberText(r.allocations) +
      '}'
  }
  return text + ']'
}
