import type { CrashFact } from '../../model/types'
import type { RegionLine } from '../region'
import { PendingCrash } from './go-crash'
import {
  isRegisterLine,
  isRuntimeLine,
  parseSignalHeader,
  parseSignalLine,
  parseWindowsException,
} from './go-lines'
import { GoStackAssembly } from './go-stack-assembly'

/**
 * The Go reader's crash lines (`panic:`, `fatal error:`, a signal and its details) and the
 * lines that follow a dump (`exit status 2`, `FAIL`, register dumps, the race summary).
 */
export abstract class GoCrashLines extends GoStackAssembly {
  /** Crash headers and their detail lines. Returns false when the line is none of them. */
  protected readCrashLine(text: string, line: RegionLine): boolean {
    if (text.startsWith('panic: ')) {
      this.crashLine('panic', text.slice(7), line)
      return true
    }
    if (text.startsWith('fatal error: ')) {
      this.crashLine('fatal error', text.slice(13), line)
      return true
    }
    if (text.startsWith('http: panic serving ')) {
      const rest = text.slice(20)
      const colon = rest.indexOf(': ')
      this.crashLine('panic', colon === -1 ? rest : rest.slice(colon + 2), line)
      this.detail(`recovered by net/http serving ${colon === -1 ? '' : rest.slice(0, colon)}`)
      this.crash!.messageDone = true
      return true
    }
    const win = parseWindowsException(text)
    if (win) {
      this.crashLine('signal', win.signal, line)
      Object.assign(this.crash!.current, { signal: win.signal, code: win.code, addr: win.addr })
      this.crash!.current.pc = win.pc
      return true
    }
    const sig = parseSignalHeader(text)
    if (sig) {
      this.crashLine('signal', sig.message, line)
      this.crash!.current.signal ??= sig.signal
      return true
    }
    if (this.crash && this.state === 'header') {
      if (text.startsWith('[signal ')) {
        const s = parseSignalLine(text)
        if (s) {
          const fact = this.crash.current
          fact.signal = s.signal
          fact.code = s.code
          fact.addr = s.addr
          fact.pc = s.pc
          this.crash.messageDone = true
          this.confirm()
          return true
        }
      }
      if (text.startsWith('PC=0x')) {
        const end = text.indexOf(' ')
        this.crash.current.pc = end === -1 ? text.slice(3) : text.slice(3, end)
        this.crash.messageDone = true
        this.confirm()
        return true
      }
      if (
        text === 'panic during panic' ||
        text === 'signal arrived during cgo execution' ||
        text === 'signal arrived during external code execution'
      ) {
        this.detail(text)
        this.confirm()
        return true
      }
    }
    if (isRuntimeLine(text) || text.startsWith('unexpected fault address ')) {
      // Inside a stack these lines explain it (`runtime: unexpected return pc`); before one
      // they start a fatal error whose `fatal error:` line follows.
      const inStack = this.state === 'block' || this.state === 'func'
      if (!inStack && (!this.crash || this.state !== 'header'))
        this.crashLine('fatal error', '', line)
      this.detail(text)
      return true
    }
    // Raw stack memory after `runtime: unexpected return pc` (traceback.go printDebugLog /
    // hexdumpWords): `stack: frame={sp:.., fp:..} stack=[..)` then `0x...:  0x...  0x...`.
    if (text.startsWith('stack: frame={') || (text.startsWith('0x') && text.indexOf(':  ') > 0))
      return true
    return false
  }

  /** Starts a crash, or adds a nested `panic:` / `fatal error:` to the one being read. */
  protected crashLine(kind: string, message: string, line: RegionLine): void {
    if (this.crash && this.state === 'header') {
      this.crash.also(kind, message)
      this.confirm()
      return
    }
    this.endStack()
    this.crash = new PendingCrash(kind, message, line.lineNo, line.time)
    this.state = 'header'
    // A second crash in the same region confirms itself: the first one came with a dump.
    if (this.sawStructure) this.confirm()
  }

  /** `exit status 2`, `FAIL\tpkg\t0.010s`, register dumps, the race summary line. */
  protected readTailLine(text: string): boolean {
    if (!this.sawStructure) return false
    if (text.startsWith('exit status ')) {
      this.detailOfLastCrash(text, this.crash?.stored ?? this.lastCrash)
      this.endStack()
      this.state = 'tail'
      return true
    }
    if (text.startsWith('FAIL\t') || text === 'FAIL') {
      this.endStack()
      this.state = 'tail'
      return true
    }
    if (isRegisterLine(text)) {
      this.endStack()
      this.detail('registers: present')
      this.state = 'tail'
      return true
    }
    if (text.startsWith('Found ') && text.endsWith(' data race(s)')) {
      this.detailOfLastCrash(text, this.lastCrash)
      this.state = 'tail'
      return true
    }
    if (text === '==================' || text === '-----') return true
    return false
  }

  /** A tail line of the crash before it; with none in this region, the source keeps it. */
  protected detailOfLastCrash(text: string, target: CrashFact | null): void {
    if (target === null) this.builder.noteDetailBeforeFirstCrash(text)
    else if (!target.details.includes(text)) target.details.push(text)
  }
}
