import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { hitTest, moveInLayout, type FlameLayout } from '../../model/flame/layout'
import {
  createCanvasPainter,
  createSvgPainter,
  depthAtY,
  paintFlame,
  rowY,
  type PaintParams,
  type Viewport,
} from './paint'

export const ROW_HEIGHT = 18
const FONT_SIZE = 12

/** What the toolbar's export buttons need from a drawn graph. */
export type FlameExporter = {
  svg(): string
  png(): Promise<Blob | null>
}

export type FlameCanvasProps = {
  readonly layout: FlameLayout
  readonly labels: readonly string[]
  readonly colorOf: (node: number) => string
  readonly dimmed: Uint8Array | null
  readonly orientation: 'icicle' | 'flame'
  readonly firstDepth: number
  /** The zoomed node: the viewport spans it whenever it (or the layout) changes. */
  readonly focusNode: number
  readonly selectedNode: number
  readonly label: string
  readonly maxHeight: number
  readonly exportRef?: RefObject<FlameExporter | null>
  onHover(node: number, clientX: number, clientY: number): void
  onClick(node: number): void
  /** Enter on the keyboard cursor, or a double click: zoom in. */
  onZoom(node: number): void
  /** Escape or 0: back to the whole graph. */
  onReset(): void
}

type Theme = {
  text: string
  dimText: string
  dim: string
  outline: string
  cursor: string
  bg: string
  font: string
}

function readTheme(el: Element): Theme {
  const css = getComputedStyle(el)
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback
  return {
    text: '#101216',
    dimText: v('--fg-muted', '#545b66'),
    dim: v('--flame-dim', '#e4e6ea'),
    outline: v('--fg', '#16181d'),
    cursor: v('--accent', '#1f5fbf'),
    bg: v('--bg', '#ffffff'),
    font: v('--mono', 'monospace'),
  }
}

/**
 * The drawing surface: one canvas, sized for the device pixel ratio, repainted in an animation
 * frame when anything changes. Pan and zoom live in a ref, not in React state, so a wheel or
 * drag costs one paint and no render.
 */
export function FlameCanvas(props: FlameCanvasProps) {
  const { layout, focusNode, firstDepth, maxHeight } = props
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const boxRef = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(800)
  const contentHeight = Math.max(1, layout.rows.length - firstDepth) * ROW_HEIGHT
  const height = Math.max(3 * ROW_HEIGHT, Math.min(maxHeight, contentHeight))
  const total = layout.tree.total[0]
  const viewport = useRef<Viewport>({ x0: 0, x1: total || 1, top: 0 })
  const [cursor, setCursor] = useState(-1)
  const hover = useRef(-1)
  const frame = useRef(0)
  const propsRef = useRef(props)
  propsRef.current = props
  const cursorRef = useRef(cursor)
  cursorRef.current = cursor

  const params = useCallback((): PaintParams & { theme: Theme } => {
    const p = propsRef.current
    const theme = readTheme(boxRef.current ?? document.documentElement)
    const outlines = [
      { node: p.selectedNode, color: theme.outline },
      { node: hover.current, color: theme.outline },
      { node: cursorRef.current, color: theme.cursor },
    ].filter((o) => o.node >= 0)
    return {
      theme,
      layout: p.layout,
      labels: p.labels,
      colorOf: p.colorOf,
      dimmed: p.dimmed,
      dimColor: theme.dim,
      textColor: theme.text,
      dimTextColor: theme.dimText,
      viewport: viewport.current,
      width,
      height,
      rowHeight: ROW_HEIGHT,
      orientation: p.orientation,
      firstDepth: p.firstDepth,
      charWidth: FONT_SIZE * 0.6,
      outlines,
    }
  }, [width, height])

  const draw = useCallback(() => {
    frame.current = 0
    const canvas = canvasRef.current
    const ctx = canvas?.getContext('2d')
    if (!canvas || !ctx) return
    const t0 = performance.now()
    const dpr = window.devicePixelRatio || 1
    const pw = Math.round(width * dpr)
    const ph = Math.round(height * dpr)
    if (canvas.width !== pw || canvas.height !== ph) {
      canvas.width = pw
      canvas.height = ph
    }
    const p = params()
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    ctx.clearRect(0, 0, width, height)
    ctx.font = `${FONT_SIZE}px ${p.theme.font}`
    ctx.textBaseline = 'middle'
    p.charWidth = ctx.measureText('M').width || p.charWidth
    const drawn = paintFlame(createCanvasPainter(ctx), p)
    canvas.dataset.drawn = String(drawn)
    canvas.dataset.drawMs = (performance.now() - t0).toFixed(2)
  }, [params, width, height])

  // The frame callback reads the latest `draw`, so a resize between scheduling and painting
  // never paints with the old size.
  const drawRef = useRef(draw)
  drawRef.current = draw
  const schedule = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(() => drawRef.current())
  }, [])
  useEffect(() => () => cancelAnimationFrame(frame.current), [])

  // Zoom to the focused node whenever it or the layout changes.
  useLayoutEffect(() => {
    const t = layout.tree
    const node = focusNode >= 0 && focusNode < t.length && t.total[focusNode] > 0 ? focusNode : 0
    viewport.current = {
      x0: layout.start[node],
      x1: layout.start[node] + (t.total[node] || 1),
      top: viewport.current.top,
    }
    clampTop()
    schedule()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout, focusNode])

  useLayoutEffect(schedule, [
    schedule,
    props.labels,
    props.colorOf,
    props.dimmed,
    props.orientation,
    props.selectedNode,
    cursor,
  ])

  useLayoutEffect(() => {
    const box = boxRef.current
    if (!box) return
    const observer = new ResizeObserver(() => setWidth(Math.max(100, Math.floor(box.clientWidth))))
    observer.observe(box)
    setWidth(Math.max(100, Math.floor(box.clientWidth)))
    return () => observer.disconnect()
  }, [])

  useEffect(() => {
    if (!props.exportRef) return
    const ref = props.exportRef
    ref.current = {
      svg() {
        const p = params()
        const svg = createSvgPainter(width, height, p.theme.font, p.theme.bg)
        paintFlame(svg, { ...p, outlines: [] })
        return svg.finish()
      },
      png: () =>
        new Promise((resolve) => {
          draw()
          canvasRef.current?.toBlob(resolve, 'image/png')
        }),
    }
    return () => {
      ref.current = null
    }
  }, [props.exportRef, params, width, height, draw])

  function clampTop() {
    const v = viewport.current
    v.top = Math.max(0, Math.min(v.top, contentHeight - height))
  }

  function zoomAround(factor: number, atX: number) {
    const v = viewport.current
    const span = v.x1 - v.x0
    const next = Math.min(total || 1, Math.max(span * factor, (total || 1) * 1e-9))
    const anchor = v.x0 + (atX / width) * span
    let x0 = anchor - ((anchor - v.x0) / span) * next
    x0 = Math.max(0, Math.min(x0, (total || 1) - next))
    viewport.current = { ...v, x0, x1: x0 + next }
    schedule()
  }

  function pan(dxPixels: number, dyPixels: number) {
    const v = viewport.current
    const span = v.x1 - v.x0
    let x0 = v.x0 + (dxPixels / width) * span
    x0 = Math.max(0, Math.min(x0, (total || 1) - span))
    viewport.current = { x0, x1: x0 + span, top: v.top + dyPixels }
    clampTop()
    schedule()
  }

  function nodeAt(clientX: number, clientY: number): number {
    const rect = canvasRef.current!.getBoundingClientRect()
    const x = clientX - rect.left
    const y = clientY - rect.top
    const p = params()
    const depth = depthAtY(p, y)
    if (depth < firstDepth) return -1
    const v = viewport.current
    return hitTest(layout, depth, v.x0 + (x / width) * (v.x1 - v.x0))
  }

  // Keep the keyboard cursor in view.
  function reveal(node: number) {
    const v = viewport.current
    const s = layout.start[node]
    const e = s + layout.tree.total[node]
    if (e <= v.x0 || s >= v.x1) {
      const span = Math.max(v.x1 - v.x0, e - s)
      const x0 = Math.max(0, Math.min(s - (span - (e - s)) / 2, (total || 1) - span))
      viewport.current = { ...v, x0, x1: x0 + span }
    }
    const y = rowY(params(), layout.tree.depth[node])
    if (y < 0) viewport.current.top += props.orientation === 'icicle' ? y : -y
    else if (y + ROW_HEIGHT > height) {
      const over = y + ROW_HEIGHT - height
      viewport.current.top += props.orientation === 'icicle' ? over : -over
    }
    clampTop()
  }

  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null)

  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas) return
    // A non-passive listener so the page does not scroll while zooming.
    const onWheel = (e: WheelEvent) => {
      e.preventDefault()
      const rect = canvas.getBoundingClientRect()
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) pan(e.deltaX || e.deltaY, 0)
      else zoomAround(Math.exp(e.deltaY * 0.0015), e.clientX - rect.left)
    }
    canvas.addEventListener('wheel', onWheel, { passive: false })
    return () => canvas.removeEventListener('wheel', onWheel)
  })

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return
    const start = cursor >= 0 ? cursor : focusNode >= 0 ? focusNode : 0
    const deeper = props.orientation === 'icicle' ? 'ArrowDown' : 'ArrowUp'
    let handled = true
    const moveTo = (move: 'parent' | 'child' | 'left' | 'right') => {
      let next = moveInLayout(layout, start, move)
      if (next < firstDepth && firstDepth > 0) next = start
      setCursor(next)
      reveal(next)
      const rect = canvasRef.current!.getBoundingClientRect()
      const v = viewport.current
      const x = ((layout.start[next] - v.x0) / (v.x1 - v.x0)) * width
      props.onHover(
        next,
        rect.left + Math.max(0, x) + 8,
        rect.top + rowY(params(), layout.tree.depth[next]) + ROW_HEIGHT,
      )
    }
    switch (e.key) {
      case 'ArrowLeft':
        moveTo('left')
        break
      case 'ArrowRight':
        moveTo('right')
        break
      case 'ArrowUp':
      case 'ArrowDown':
        moveTo(e.key === deeper ? 'child' : 'parent')
        break
      case 'Enter':
        props.onZoom(start)
        break
      case '+':
      case '=':
        zoomAround(0.8, width / 2)
        break
      case '-':
      case '_':
        zoomAround(1.25, width / 2)
        break
      case '0':
      case 'Escape':
        setCursor(-1)
        props.onReset()
        break
      case 'a':
      case 'A':
        pan(-width * 0.1, 0)
        break
      case 'd':
      case 'D':
        pan(width * 0.1, 0)
        break
      case 'w':
      case 'W':
        pan(0, props.orientation === 'icicle' ? -ROW_HEIGHT * 2 : ROW_HEIGHT * 2)
        break
      case 's':
      case 'S':
        pan(0, props.orientation === 'icicle' ? ROW_HEIGHT * 2 : -ROW_HEIGHT * 2)
        break
      default:
        handled = false
    }
    if (handled) e.preventDefault()
  }

  return (
    <div className="flame-canvas-box" ref={boxRef}>
      <canvas
        ref={canvasRef}
        className="flame-canvas"
        style={{ width, height }}
        tabIndex={0}
        role="img"
        aria-label={props.label}
        data-testid="flame-canvas"
        onKeyDown={onKeyDown}
        onMouseDown={(e) => {
          drag.current = { x: e.clientX, y: e.clientY, moved: false }
        }}
        onMouseMove={(e) => {
          const d = drag.current
          if (d && e.buttons === 1) {
            const dx = e.clientX - d.x
            const dy = e.clientY - d.y
            if (d.moved || Math.abs(dx) + Math.abs(dy) > 3) {
              d.moved = true
              pan(-dx, props.orientation === 'icicle' ? -dy : dy)
              d.x = e.clientX
              d.y = e.clientY
              return
            }
          }
          const node = nodeAt(e.clientX, e.clientY)
          if (node !== hover.current) {
            hover.current = node
            schedule()
          }
          props.onHover(node, e.clientX, e.clientY)
        }}
        onMouseLeave={() => {
          hover.current = -1
          drag.current = null
          schedule()
          props.onHover(-1, 0, 0)
        }}
        onMouseUp={(e) => {
          const d = drag.current
          drag.current = null
          if (d?.moved) return
          const node = nodeAt(e.clientX, e.clientY)
          if (node >= 0) {
            setCursor(node)
            props.onClick(node)
          }
        }}
      />
    </div>
  )
}
