import type { IncidentBuilder } from '../../model/builder'
import type { IndexIntoFrameTable } from '../../model/types'
import { NONE } from '../../model/types'
import { parseMassifFrame } from './massif-node'
import type { MassifSnapshot } from './massif-snapshots'

/**
 * Reads one snapshot's allocation tree, node by node in print order (depth first), into the
 * snapshot's sites. The tree is inverted (allocation functions on top, callers below), so the
 * path from the top to a node is a stack leaf first; the bytes a node holds beyond its
 * children were allocated right there.
 */
export class MassifTree {
  // The open path: frame, bytes, children's bytes and line per depth (depth 0 is the top).
  private readonly frames: IndexIntoFrameTable[] = []
  private readonly bytes: number[] = []
  private readonly childBytes: number[] = []
  private readonly lines: number[] = []
  private snapshot: MassifSnapshot | null = null

  constructor(readonly builder: IncidentBuilder) {}

  /** A node at `depth` of `snapshot`'s tree; a node that skips a level is ignored. */
  node(snapshot: MassifSnapshot, depth: number, bytes: number, text: string, line: number): void {
    if (snapshot !== this.snapshot) {
      this.end()
      this.snapshot = snapshot
    }
    this.closeDeeperThan(depth - 1)
    if (depth > this.bytes.length) return
    if (depth > 0) this.childBytes[depth - 1] += bytes
    // The top node is "(heap allocation functions)", not a frame of any stack.
    this.frames.push(depth === 0 ? NONE : this.builder.frame(parseMassifFrame(text)))
    this.bytes.push(bytes)
    this.childBytes.push(0)
    this.lines.push(line)
  }

  /** Closes the tree: every open node gives up its own bytes as a site. */
  end(): void {
    this.closeDeeperThan(-1)
    this.snapshot = null
  }

  private closeDeeperThan(depth: number): void {
    while (this.bytes.length > depth + 1) {
      const self = this.bytes.pop()! - this.childBytes.pop()!
      const line = this.lines.pop()!
      if (self > 0 && this.snapshot) {
        const leafFirst = this.frames.slice(1)
        this.snapshot.sites.push({
          stack: leafFirst.length ? this.builder.stackFromLeafFirst(leafFirst) : NONE,
          bytes: self,
          line,
        })
      }
      this.frames.pop()
    }
  }
}
