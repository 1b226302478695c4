import { pathBasename } from '../../lib/path-basename'
import type { IncidentBuilder } from '../../model/builder'
import type { IndexIntoFrameTable } from '../../model/types'
import { FrameKind } from '../../model/types'

/**
 * Python frame lines and how a frame's file maps to a module and a kind.
 *
 * Traceback frames (`traceback.StackSummary.format`, CPython Lib/traceback.py, read
 * 2026-11-22): `  File "x.py", line 12, in func`; a SyntaxError's location has no `, in`.
 * faulthandler frames (Python/traceback.c `dump_frame`): `  File "x.py", line 3 in f`, with
 * no comma before `in`, innermost first.
 */
const LINE_SEP = '", line '
const AFTER_FILE_RE = /^(\d+)(?:,? in (.*))?$/

export type PythonFrameParts = { file: string; line: number; func: string }

export function parsePythonFrameLine(text: string): PythonFrameParts | null {
  const trimmed = text.trimStart()
  if (!trimmed.startsWith('File "')) return null
  const sep = trimmed.indexOf(LINE_SEP, 6)
  if (sep < 0) return null
  const m = AFTER_FILE_RE.exec(trimmed.slice(sep + LINE_SEP.length).trimEnd())
  if (!m) return null
  return { file: trimmed.slice(6, sep), line: Number(m[1]), func: m[2]?.trim() || '<module>' }
}

// The standard library: `/usr/lib/python3.11/`, `/root/.pyenv/versions/3.11.7/lib/python3.11/`,
// `/usr/lib64/python2.7/`, Windows `C:\Python311\Lib\`.
const STDLIB_RE = /[\\/]lib(?:64)?[\\/]python\d[\d.]*[\\/]|[\\/]Lib[\\/]/i
// Third-party packages, also inside a virtualenv or the standard library's tree.
const PACKAGES_RE = /[\\/](?:site|dist)-packages[\\/]/

/** Module (dotted, for packages and the standard library; file stem otherwise) and kind. */
export function pythonModuleAndKind(file: string): { module: string; kind: FrameKind } {
  if (file.startsWith('<')) {
    // `<stdin>`, `<string>`, `<frozen importlib._bootstrap>`.
    const inner = file.slice(1, file.endsWith('>') ? -1 : undefined)
    if (inner.startsWith('frozen ')) return { module: inner.slice(7), kind: FrameKind.stdlib }
    return { module: inner, kind: FrameKind.app }
  }
  const pkg = PACKAGES_RE.exec(file)
  if (pkg) return { module: dotted(file.slice(pkg.index + pkg[0].length)), kind: FrameKind.library }
  const std = STDLIB_RE.exec(file)
  if (std) return { module: dotted(file.slice(std.index + std[0].length)), kind: FrameKind.stdlib }
  return { module: stem(file), kind: FrameKind.app }
}

function stem(file: string): string {
  const base = pathBasename(file)
  return base.endsWith('.py') ? base.slice(0, -3) : base
}

/** `yum/plugins.py` -> `yum.plugins`; `yum/__init__.py` -> `yum`. */
function dotted(relative: string): string {
  let s = relative.replace(/\\/g, '/')
  if (s.endsWith('.py')) s = s.slice(0, -3)
  if (s.endsWith('/__init__')) s = s.slice(0, -9)
  return s.replace(/\//g, '.')
}

export function internPythonFrame(
  builder: IncidentBuilder,
  parts: PythonFrameParts,
): IndexIntoFrameTable {
  const { module, kind } = pythonModuleAndKind(parts.file)
  return builder.frame({
    func: parts.func,
    file: parts.file,
    line: parts.line,
    module: module || undefined,
    kind,
  })
}
