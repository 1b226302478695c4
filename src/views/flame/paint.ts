import { firstVisibleInRow, type FlameLayout } from '../../model/flame/layout'

/**
 * What paintFlame draws on: a canvas, or an SVG document being written. It hands over every
 * rectangle of one colour in one call, then the labels the same way, then the outlines, so a
 * canvas sets each fill colour once per paint instead of once per frame.
 */
export type Painter = {
  /** Fills rectangles of one colour; `xywh` holds x, y, width and height of each in turn. */
  rects(color: string, xywh: readonly number[]): void
  /** Draws labels of one colour; `xy` holds each label's left x and middle y in turn. */
  texts(color: string, texts: readonly string[], xy: readonly number[]): void
  /** An outline around a frame (hover, keyboard cursor). */
  outline(x: number, y: number, w: number, h: number, color: string): void
}

/** The visible part of a layout: weight offsets [x0, x1) across the width, rows from `top`. */
export type Viewport = {
  x0: number
  x1: number
  /** Pixels scrolled away from the root row. */
  top: number
}

export type PaintParams = {
  layout: FlameLayout
  /** Label per tree node's frame, by frame index. */
  labels: readonly string[]
  /** Fill colour of a node. */
  colorOf(node: number): string
  /** Nodes that are dimmed (a search that they do not match), or null. */
  dimmed: Uint8Array | null
  dimColor: string
  textColor: string
  dimTextColor: string
  viewport: Viewport
  width: number
  height: number
  rowHeight: number
  /** Icicle: roots on top; flame: roots at the bottom. */
  orientation: 'icicle' | 'flame'
  /** The first depth drawn (1 hides the "all" row). */
  firstDepth: number
  /** Width of one character of the label font, for fitting text without measuring each label. */
  charWidth: number
  /** Nodes to outline, with their colour. */
  outlines: readonly { node: number; color: string }[]
}

/** Y of the top of row `depth` in CSS pixels. */
export function rowY(
  p: Pick<PaintParams, 'orientation' | 'height' | 'rowHeight' | 'viewport' | 'firstDepth'>,
  depth: number,
): number {
  const r = depth - p.firstDepth
  return p.orientation === 'icicle'
    ? r * p.rowHeight - p.viewport.top
    : p.height - (r + 1) * p.rowHeight + p.viewport.top
}

/** The depth under a y coordinate (may be out of range). */
export function depthAtY(
  p: Pick<PaintParams, 'orientation' | 'height' | 'rowHeight' | 'viewport' | 'firstDepth'>,
  y: number,
): number {
  const r =
    p.orientation === 'icicle'
      ? Math.floor((y + p.viewport.top) / p.rowHeight)
      : Math.floor((p.height - y + p.viewport.top) / p.rowHeight)
  return r + p.firstDepth
}

/** A label cut to `room` pixels with an ellipsis, or '' when not even two characters fit. */
export function fitLabel(label: string, room: number, charWidth: number): string {
  const fits = Math.floor(room / charWidth)
  if (fits >= label.length) return label
  if (fits < 3) return ''
  return `${label.slice(0, fits - 1)}…`
}

const TEXT_PAD = 4

/** Frames narrower than this many CSS pixels merge with their neighbours into one block. */
const MERGE_BELOW = 2

/** Rectangles, then labels, by colour in the order each colour first appears. */
class Batches {
  readonly rects = new Map<string, number[]>()
  readonly texts = new Map<string, { texts: string[]; xy: number[] }>()
  rect(color: string, x: number, y: number, w: number, h: number): void {
    const list = this.rects.get(color)
    if (list) list.push(x, y, w, h)
    else this.rects.set(color, [x, y, w, h])
  }
  text(color: string, text: string, x: number, y: number): void {
    const batch = this.texts.get(color)
    if (batch) {
      batch.texts.push(text)
      batch.xy.push(x, y)
    } else this.texts.set(color, { texts: [text], xy: [x, y] })
  }
}

/**
 * Draws the visible frames. Per row, a binary search finds the first frame in view, and runs
 * of frames under two pixels wide merge into one rectangle (the colour of the run's first
 * frame), so the number of fills per row is bounded by what can be seen, however many nodes
 * the tree has. The frames do not overlap, so they are handed to the painter by colour: a
 * zoomed-out tree fills some 7,000 rectangles in 37 colours, and setting the canvas's fill
 * colour per rectangle cost as much as the fills themselves. Returns the number of
 * rectangles drawn.
 */
export function paintFlame(painter: Painter, p: PaintParams): number {
  const { layout, viewport, width, rowHeight } = p
  const { tree, start, rows } = layout
  const scale = width / (viewport.x1 - viewport.x0)
  const batches = new Batches()
  let drawn = 0
  for (let depth = p.firstDepth; depth < rows.length; depth++) {
    const y = rowY(p, depth)
    if (y + rowHeight <= 0 || y >= p.height) continue
    const row = rows[depth]
    let runStart = -1
    let runEnd = -1
    let runColor = ''
    const flush = () => {
      if (runStart < 0) return
      batches.rect(runColor, runStart, y, Math.max(1, runEnd - runStart), rowHeight - 1)
      drawn++
      runStart = -1
    }
    for (let i = firstVisibleInRow(layout, row, viewport.x0); i < row.length; i++) {
      const node = row[i]
      const s = start[node]
      if (s >= viewport.x1) break
      const x = (s - viewport.x0) * scale
      const w = tree.total[node] * scale
      const dim = p.dimmed !== null && p.dimmed[node] === 1
      if (w < MERGE_BELOW) {
        if (runStart >= 0 && x <= runEnd + 1) {
          runEnd = Math.max(runEnd, x + w)
        } else {
          flush()
          runStart = Math.max(0, x)
          runEnd = x + w
          runColor = dim ? p.dimColor : p.colorOf(node)
        }
        continue
      }
      flush()
      // Clip to the viewport so zoomed-in frames keep their label in view.
      const left = Math.max(0, x)
      const right = Math.min(width, x + w)
      batches.rect(
        dim ? p.dimColor : p.colorOf(node),
        left,
        y,
        Math.max(1, right - left - 1),
        rowHeight - 1,
      )
      drawn++
      const room = right - left - 2 * TEXT_PAD
      if (room > p.charWidth * 3) {
        const label = fitLabel(p.labels[tree.frame[node]] ?? 'all', room, p.charWidth)
        if (label)
          batches.text(
            dim ? p.dimTextColor : p.textColor,
            label,
            left + TEXT_PAD,
            y + rowHeight / 2,
          )
      }
    }
    flush()
  }
  for (const [color, xywh] of batches.rects) painter.rects(color, xywh)
  for (const [color, { texts, xy }] of batches.texts) painter.texts(color, texts, xy)
  for (const { node, color } of p.outlines) {
    if (node < 0 || layout.indexInRow[node] < 0) continue
    const x = (start[node] - viewport.x0) * scale
    const w = Math.max(2, tree.total[node] * scale)
    painter.outline(
      Math.max(0, x),
      rowY(p, tree.depth[node]),
      Math.min(width, x + w) - Math.max(0, x),
      rowHeight - 1,
      color,
    )
  }
  return drawn
}

/** A Painter that writes SVG elements; `finish()` returns the document. */
export function createSvgPainter(width: number, height: number, font: string, background: string) {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(font)}" font-size="12">`,
    `<rect width="100%" height="100%" fill="${background}"/>`,
  ]
  const n = (v: number) => String(Math.round(v * 10) / 10)
  const painter: Painter & { finish(): string } = {
    rects(color, xywh) {
      for (let i = 0; i < xywh.length; i += 4)
        parts.push(
          `<rect x="${n(xywh[i])}" y="${n(xywh[i + 1])}" width="${n(xywh[i + 2])}" height="${n(xywh[i + 3])}" fill="${color}"/>`,
        )
    },
    texts(color, texts, xy) {
      for (let i = 0; i < texts.length; i++)
        parts.push(
          `<text x="${n(xy[2 * i])}" y="${n(xy[2 * i + 1])}" dominant-baseline="central" fill="${color}">${escapeXml(texts[i])}</text>`,
        )
    },
    outline: (x, y, w, h, color) =>
      void parts.push(
        `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="none" stroke="${color}" stroke-width="2"/>`,
      ),
    finish: () => `${parts.join('\n')}\n</svg>\n`,
  }
  return painter
}

/**
 * Text as XML 1.0 character data: markup characters escaped, and what XML cannot hold at all
 * (control characters, lone surrogates, U+FFFE/U+FFFF, which a frame name from a binary's
 * symbols can carry) replaced by U+FFFD, so the exported file stays a valid SVG.
 */
// Control characters are what is replaced, so the pattern names them.
/* eslint-disable no-control-regex */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
/* eslint-enable no-control-regex */

function escapeXml(s: string): string {
  return s.replace(NOT_XML, '\ufffd').replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * A Painter over a 2D canvas context already scaled for the device pixel ratio: one fill
 * colour assignment per batch (each parses a CSS colour), then plain `fillRect` and
 * `fillText` calls. One path per colour (`rect` per frame, one `fill`) drew the same picture
 * but rasterised slower on Chromium's CPU rasteriser, which scan-converts such a path as a
 * polygon with thousands of edges.
 */
export function createCanvasPainter(ctx: CanvasRenderingContext2D): Painter {
  return {
    rects(color, xywh) {
      ctx.fillStyle = color
      for (let i = 0; i < xywh.length; i += 4)
        ctx.fillRect(xywh[i], xywh[i + 1], xywh[i + 2], xywh[i + 3])
    },
    texts(color, texts, xy) {
      ctx.fillStyle = color
      for (let i = 0; i < texts.length; i++) ctx.fillText(texts[i], xy[2 * i], xy[2 * i + 1])
    },
    outline(x, y, w, h, color) {
      ctx.strokeStyle = color
      ctx.lineWidth = 2
      ctx.strokeRect(x + 1, y + 1, Math.max(0, w - 2), Math.max(0, h - 2))
    },
  }
}
