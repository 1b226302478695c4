import { describe, expect, it } from 'vitest'
import { computeCallTree, computeRecordWeights } from '../../model/flame/call-tree'
import { computeFlameLayout } from '../../model/flame/layout'
import { buildSyntheticIncident } from '../../test/synthetic-incident'
import { incidentFromStacks } from '../../test/incident-from-stacks'
import {
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
  const texts: { text: string; x: number; y: number }[] = []
  const painter: Painter = {
    rect: (x, y, w, _h, color) => void rects.push({ x, y, w, color }),
    text: (text, x, y) => void texts.push({ text, x, y }),
    outline: () => undefined,
  }
  return { painter, rects, texts }
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

describe('createSvgPainter', () => {
  it('keeps the document valid XML when a label carries control characters or lone surrogates', () => {
    const svg = createSvgPainter(100, 40, 'monospace', '#fff')
    svg.text('main\u0001\u001b.run\ud800x\udc00\ufffe 😀', 4, 10, '#111')
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
    svg.rect(0, 0, 50, 19, 'hsl(28 88% 64%)')
    svg.text('a<b>&"c"', 4, 10, '#111')
    const text = svg.finish()
    expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="100" height="40"/)
    expect(text).toContain('<rect x="0" y="0" width="50" height="19" fill="hsl(28 88% 64%)"/>')
    expect(text).toContain('a&#60;b&#62;&#38;&#34;c&#34;')
    expect(text.trimEnd().endsWith('</svg>')).toBe(true)
  })
})
