import { describe, expect, it } from 'vitest'
import { computeCallTree, computeRecordWeights } from '../../model/flame/call-tree'
import { computeFlameLayout } from '../../model/flame/layout'
import { buildSyntheticIncident } from '../../test/synthetic-incident'
import { incidentFromStacks } from '../../test/incident-from-stacks'
import {
  createCanvasPainter,
  createSvgPainter,
  depthAtY,
  fitLabel,
  paintFlame,
  rowY,
  type PaintParams,
  type Painter,
} from './paint'

function recorder() {
  const rects: { x: number; y: number; w: number; color: string }[] = []
  const texts: { text: string; x: number; y: number; color: string }[] = []
  const painter: Painter = {
    rects(color, xywh) {
      for (let i = 0; i < xywh.length; i += 4)
        rects.push({ x: xywh[i], y: xywh[i + 1], w: xywh[i + 2], color })
    },
    texts(color, labels, xy) {
      labels.forEach((text, i) => texts.push({ text, x: xy[2 * i], y: xy[2 * i + 1], color }))
    },
    outline: () => undefined,
  }
  return { painter, rects, texts }
}

type CanvasCall =
  | { op: 'fillStyle'; color: string }
  | { op: 'fillRect'; x: number; y: number; w: number; h: number; color: string }
  | { op: 'fillText'; text: string; x: number; y: number; color: string }
  | { op: 'strokeRect'; x: number; y: number; color: string }

/**
 * A 2D context that records what is drawn with which colour. It has only the members the
 * painter may use: a save/restore, clip or path call per frame would throw here.
 */
function recordingContext() {
  const calls: CanvasCall[] = []
  let fill = ''
  let stroke = ''
  const ctx = {
    get fillStyle() {
      return fill
    },
    set fillStyle(color: string) {
      fill = color
      calls.push({ op: 'fillStyle', color })
    },
    get strokeStyle() {
      return stroke
    },
    set strokeStyle(color: string) {
      stroke = color
    },
    lineWidth: 1,
    fillRect: (x: number, y: number, w: number, h: number) =>
      void calls.push({ op: 'fillRect', x, y, w, h, color: fill }),
    fillText: (text: string, x: number, y: number) =>
      void calls.push({ op: 'fillText', text, x, y, color: fill }),
    strokeRect: (x: number, y: number) =>
      void calls.push({ op: 'strokeRect', x, y, color: stroke }),
  }
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls }
}

/** A 20,000-node tree, mostly frames too narrow to label, in `colors` fill colours. */
function wideTreeParams(colors: number): PaintParams {
  const incident = buildSyntheticIncident({ records: 20_000, stackNodes: 20_000, frames: 500 })
  const tree = computeCallTree(incident, computeRecordWeights(incident, 'count'))
  const layout = computeFlameLayout(incident, tree, 'heavy')
  return {
    ...params('a'),
    layout,
    labels: Array.from(incident.frames.func, (s) => incident.strings[s]),
    // The root has no frame (-1): it takes the first colour.
    colorOf: (node) => `k${Math.max(0, tree.frame[node]) % colors}`,
    viewport: { x0: 0, x1: tree.total[0], top: 0 },
    height: 61 * 20,
  }
}

function params(text: string, overrides: Partial<PaintParams> = {}): PaintParams {
  const incident = incidentFromStacks(text)
  const tree = computeCallTree(incident, computeRecordWeights(incident, 'count'))
  const layout = computeFlameLayout(incident, tree, 'heavy')
  return {
    layout,
    labels: Array.from(incident.frames.func, (s) => incident.strings[s]),
    colorOf: (node) => `c${node}`,
    dimmed: null,
    dimColor: 'dim',
    textColor: 'text',
    dimTextColor: 'dimtext',
    viewport: { x0: 0, x1: tree.total[0], top: 0 },
    width: 1000,
    height: 200,
    rowHeight: 20,
    orientation: 'icicle',
    firstDepth: 0,
    charWidth: 10,
    outlines: [],
    ...overrides,
  }
}

describe('fitLabel', () => {
  it.each([
    ['main.serve', 200, 'main.serve'],
    ['main.serve', 100, 'main.serve'],
    ['main.serve', 99, 'main.ser…'],
    ['main.serve', 30, 'ma…'],
    ['main.serve', 29, ''],
  ])('%s in %i px is %s', (label, room, expected) => {
    expect(fitLabel(label, room, 10)).toBe(expected)
  })
})

describe('paintFlame', () => {
  it('draws each frame once, with its label where it fits', () => {
    const p = params('main;serve *3\nmain;work')
    const { painter, rects, texts } = recorder()
    expect(paintFlame(painter, p)).toBe(4)
    expect(rects.map((r) => [r.x, r.y, Math.round(r.w)])).toEqual([
      [0, 0, 999],
      [0, 20, 999],
      [0, 40, 749],
      [750, 40, 249],
    ])
    expect(texts.map((t) => t.text)).toEqual(['all', 'main', 'serve', 'work'])
  })

  it('puts roots at the bottom in flame orientation and can hide the "all" row', () => {
    const p = params('main;serve', { orientation: 'flame', firstDepth: 1 })
    const { painter, rects } = recorder()
    paintFlame(painter, p)
    expect(rects.map((r) => r.y)).toEqual([180, 160])
    expect(rowY(p, 1)).toBe(180)
    expect(depthAtY(p, 185)).toBe(1)
    expect(depthAtY(p, 165)).toBe(2)
  })

  it('clips a zoomed-in frame to the view and keeps its label in sight', () => {
    const p = params('main;serve *3\nmain;work', { viewport: { x0: 1, x1: 2, top: 0 } })
    const { painter, rects, texts } = recorder()
    paintFlame(painter, p)
    expect(rects.every((r) => r.x >= 0 && r.x + r.w <= 1000)).toBe(true)
    expect(texts.map((t) => [t.text, t.x])).toEqual([
      ['all', 4],
      ['main', 4],
      ['serve', 4],
    ])
  })

  it('dims what a search did not match', () => {
    const p = params('main;serve *3\nmain;work')
    const dimmed = new Uint8Array(p.layout.tree.length).fill(1)
    dimmed[0] = 0
    const { painter, rects } = recorder()
    paintFlame(painter, { ...p, dimmed })
    expect(rects.map((r) => r.color)).toEqual(['c0', 'dim', 'dim', 'dim'])
  })

  it('merges frames under two pixels into blocks, so fills per row stay bounded', () => {
    // Guards against one fill per node: 100k nodes would mean 100k fills per frame.
    const incident = buildSyntheticIncident({ records: 20_000, stackNodes: 20_000, frames: 500 })
    const tree = computeCallTree(incident, computeRecordWeights(incident, 'count'))
    const layout = computeFlameLayout(incident, tree, 'heavy')
    const { painter, rects } = recorder()
    paintFlame(painter, {
      ...params('a'),
      layout,
      labels: Array.from(incident.frames.func, (s) => incident.strings[s]),
      viewport: { x0: 0, x1: tree.total[0], top: 0 },
      height: 61 * 20,
    })
    expect(rects.length).toBeGreaterThan(layout.rows.length)
    expect(rects.length).toBeLessThan(layout.rows.length * 500)
    expect(rects.length).toBeLessThan(tree.length / 4)
  })
})

describe('paintFlame on a canvas', () => {
  it('sets each fill colour once per paint, not once per frame', () => {
    // Guards against a fillStyle assignment (a CSS colour parse) per frame: a zoomed-out
    // 100k-node tree made about 7,000 of them per paint, as costly as the fills.
    const p = wideTreeParams(7)
    const { ctx, calls } = recordingContext()
    const drawn = paintFlame(createCanvasPainter(ctx), p)
    const sets = calls.filter((c) => c.op === 'fillStyle').map((c) => c.color)
    const fills = calls.filter((c) => c.op === 'fillRect')
    expect(fills).toHaveLength(drawn)
    expect(drawn).toBeGreaterThan(1000)
    expect(new Set(fills.map((c) => c.color)).size).toBe(7)
    // Seven frame colours and the label colour, each set once.
    expect(sets.toSorted()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'text'])
  })

  it('fills every rectangle the frames make, in its own colour', () => {
    const p = wideTreeParams(7)
    const { painter, rects } = recorder()
    paintFlame(painter, p)
    const { ctx, calls } = recordingContext()
    paintFlame(createCanvasPainter(ctx), p)
    const key = (r: { x: number; y: number; w: number; color: string }) =>
      `${r.x},${r.y},${r.w},${r.color}`
    const onCanvas = calls.flatMap((c) => (c.op === 'fillRect' ? [key(c)] : []))
    expect(onCanvas.toSorted()).toEqual(rects.map(key).toSorted())
  })

  it('labels only frames wide enough, over the fills, and outlines the marked frames last', () => {
    const p = params('main;serve *3\nmain;work', { width: 100, charWidth: 10 })
    const dimmed = new Uint8Array(p.layout.tree.length)
    dimmed[3] = 1
    const { ctx, calls } = recordingContext()
    paintFlame(createCanvasPainter(ctx), {
      ...p,
      dimmed,
      outlines: [
        { node: 2, color: 'selected' },
        { node: 3, color: 'cursor' },
      ],
    })
    const ops = calls.map((c) => c.op)
    // "serve" is 75 px wide, room for 6 characters; "work" is 25 px, room for none.
    expect(calls.filter((c) => c.op === 'fillText').map((c) => [c.text, c.color])).toEqual([
      ['all', 'text'],
      ['main', 'text'],
      ['serve', 'text'],
    ])
    expect(calls.find((c) => c.op === 'fillRect' && c.x === 75)?.color).toBe('dim')
    expect(ops.lastIndexOf('fillRect')).toBeLessThan(ops.indexOf('fillText'))
    expect(ops.slice(-2)).toEqual(['strokeRect', 'strokeRect'])
    expect(calls.slice(-2).map((c) => (c.op === 'strokeRect' ? [c.x, c.color] : []))).toEqual([
      [1, 'selected'],
      [76, 'cursor'],
    ])
  })
})

describe('createSvgPainter', () => {
  it('keeps the document valid XML when a label carries control characters or lone surrogates', () => {
    const svg = createSvgPainter(100, 40, 'monospace', '#fff')
    svg.texts('#111', ['main\u0001\u001b.run\ud800x\udc00\ufffe 😀'], [4, 10])
    const text = svg.finish()
    // XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
    // eslint-disable-next-line no-control-regex -- the characters XML allows, controls included
    const invalid = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u
    expect(text.isWellFormed()).toBe(true)
    expect(invalid.test(text)).toBe(false)
    expect(text).toContain('main\ufffd\ufffd.run\ufffdx\ufffd\ufffd 😀')
  })

  it('writes a standalone SVG with escaped labels', () => {
    const svg = createSvgPainter(100, 40, 'monospace', '#fff')
    svg.rects('hsl(28 88% 64%)', [0, 0, 50, 19])
    svg.texts('#111', ['a<b>&"c"'], [4, 10])
    const text = svg.finish()
    expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="100" height="40"/)
    expect(text).toContain('<rect x="0" y="0" width="50" height="19" fill="hsl(28 88% 64%)"/>')
    expect(text).toContain('a&#60;b&#62;&#38;&#34;c&#34;')
    expect(text.trimEnd().endsWith('</svg>')).toBe(true)
  })
})
