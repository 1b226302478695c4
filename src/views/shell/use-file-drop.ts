import { useLayoutEffect, useState } from 'react'
import { loadFiles } from '../../state/load'

/**
 * Makes the whole window a drop target and turns a paste of text (Ctrl+V outside an editor)
 * into an input named `pasted.txt`. Returns whether files are being dragged over the page.
 */
export function useFileDropAndPaste(): boolean {
  const [dragging, setDragging] = useState(false)
  // A layout effect attaches the listeners in the same task that first draws the page, so a file
  // dropped as soon as the page shows is never left to the browser, which would navigate to it.
  useLayoutEffect(() => {
    let depth = 0
    const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files')
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return
      depth++
      setDragging(true)
    }
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setDragging(false)
    }
    const onOver = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault()
    }
    const onDrop = (e: DragEvent) => {
      depth = 0
      setDragging(false)
      const files = [...(e.dataTransfer?.files ?? [])]
      if (files.length === 0) return
      e.preventDefault()
      void loadFiles(files.map((f) => ({ name: f.name, blob: f })))
    }
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null
      if (target && target.closest('input, textarea, [contenteditable="true"]') !== null) return
      const files = [...(e.clipboardData?.files ?? [])]
      if (files.length > 0) {
        e.preventDefault()
        void loadFiles(files.map((f) => ({ name: f.name, blob: f })))
        return
      }
      const text = e.clipboardData?.getData('text/plain') ?? ''
      if (text.trim() === '') return
      e.preventDefault()
      void loadFiles([{ name: 'pasted.txt', blob: new Blob([text], { type: 'text/plain' }) }])
    }
    window.addEventListener('dragenter', onEnter)
    window.addEventListener('dragleave', onLeave)
    window.addEventListener('dragover', onOver)
    window.addEventListener('drop', onDrop)
    window.addEventListener('paste', onPaste)
    return () => {
      window.removeEventListener('dragenter', onEnter)
      window.removeEventListener('dragleave', onLeave)
      window.removeEventListener('dragover', onOver)
      window.removeEventListener('drop', onDrop)
      window.removeEventListener('paste', onPaste)
    }
  }, [])
  return dragging
}
