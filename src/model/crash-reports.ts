import type { CrashFact } from './types'

/**
 * One crash as a reader tells it: the most specific report of it, and the other tools'
 * reports of the same moment. A program under gdb that smashes its stack is reported twice,
 * by glibc (`*** stack smashing detected ***`) and by gdb (`Program received signal SIGABRT`):
 * one crash, two witnesses.
 */
export type CrashReport = {
  lead: CrashFact
  /** Other formats' reports of the same crash, in reading order. */
  echoes: CrashFact[]
}

/** Reports of one crash sit within this many lines of each other. */
const SAME_CRASH_LINES = 20

/**
 * Folds crash facts that report the same crash: another format's fact, in the same source,
 * close by, whose signal agrees, when one of the two only names the signal. Facts of one
 * format are never folded: a kernel that logs a segfault every five minutes saw many crashes.
 */
export function foldCrashReports(crashes: readonly CrashFact[]): CrashReport[] {
  const reports: CrashReport[] = []
  for (const fact of crashes) {
    const last = reports.at(-1)
    if (last && isSameCrash(last, fact)) {
      if (isGeneric(last.lead) && !isGeneric(fact)) {
        last.echoes.push(last.lead)
        last.lead = fact
      } else last.echoes.push(fact)
      continue
    }
    reports.push({ lead: fact, echoes: [] })
  }
  return reports
}

function isSameCrash(report: CrashReport, fact: CrashFact): boolean {
  const facts = [report.lead, ...report.echoes]
  const near = facts.some(
    (f) => f.source === fact.source && Math.abs(f.line - fact.line) <= SAME_CRASH_LINES,
  )
  return (
    near &&
    facts.every((f) => f.format !== fact.format) &&
    facts.every((f) => !f.signal || !fact.signal || f.signal === fact.signal) &&
    (isGeneric(fact) || facts.some(isGeneric))
  )
}

/**
 * A report that only says which signal arrived: gdb's `Program received signal`, and systemd's
 * `Main process exited, code=killed, status=9/KILL` after the kernel's OOM kill or segfault
 * line says why.
 */
function isGeneric(fact: CrashFact): boolean {
  return fact.kind === 'signal' || (fact.format === 'systemd' && fact.signal !== undefined)
}
