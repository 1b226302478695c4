/**
 * The one table of POSIX signals, for every parser that names one: by number (gdb's
 * `Program terminated with signal 11`, Go before 1.5's `signal 0xb`), by short name
 * (sanitizers' `SEGV on unknown address`) and by the description `strsignal()` prints, which
 * shells and Python's faulthandler repeat (`Segmentation fault`).
 *
 * Numbers are Linux's (x86, arm, most others); every sample in the corpus comes from Linux.
 * Source: man 7 signal, "Standard signals" (Linux man-pages 6.x).
 */
const SIGNALS: readonly { number: number; name: string; description?: string }[] = [
  { number: 1, name: 'SIGHUP', description: 'Hangup' },
  { number: 2, name: 'SIGINT', description: 'Interrupt' },
  { number: 3, name: 'SIGQUIT', description: 'Quit' },
  { number: 4, name: 'SIGILL', description: 'Illegal instruction' },
  { number: 5, name: 'SIGTRAP', description: 'Trace/breakpoint trap' },
  { number: 6, name: 'SIGABRT', description: 'Aborted' },
  { number: 7, name: 'SIGBUS', description: 'Bus error' },
  { number: 8, name: 'SIGFPE', description: 'Floating point exception' },
  { number: 9, name: 'SIGKILL', description: 'Killed' },
  { number: 10, name: 'SIGUSR1' },
  { number: 11, name: 'SIGSEGV', description: 'Segmentation fault' },
  { number: 12, name: 'SIGUSR2' },
  { number: 13, name: 'SIGPIPE' },
  { number: 14, name: 'SIGALRM' },
  { number: 15, name: 'SIGTERM', description: 'Terminated' },
  { number: 16, name: 'SIGSTKFLT' },
  { number: 17, name: 'SIGCHLD' },
  { number: 18, name: 'SIGCONT' },
  { number: 19, name: 'SIGSTOP' },
  { number: 20, name: 'SIGTSTP' },
  { number: 21, name: 'SIGTTIN' },
  { number: 22, name: 'SIGTTOU' },
  { number: 23, name: 'SIGURG' },
  { number: 24, name: 'SIGXCPU' },
  { number: 25, name: 'SIGXFSZ' },
  { number: 26, name: 'SIGVTALRM' },
  { number: 27, name: 'SIGPROF' },
  { number: 28, name: 'SIGWINCH' },
  { number: 29, name: 'SIGIO' },
  { number: 30, name: 'SIGPWR' },
  { number: 31, name: 'SIGSYS', description: 'Bad system call' },
]

const byNumber = new Map(SIGNALS.map((s) => [s.number, s.name]))
const byShortName = new Map(SIGNALS.map((s) => [s.name.slice(3), s.name]))
const byDescription = new Map(
  SIGNALS.filter((s) => s.description).map((s) => [s.description!, s.name]),
)

/** `11` -> `SIGSEGV`, or undefined for a number Linux does not use. */
export function signalFromNumber(n: number): string | undefined {
  return byNumber.get(n)
}

/** `SEGV` -> `SIGSEGV`, or undefined. */
export function signalFromShortName(short: string): string | undefined {
  return byShortName.get(short)
}

/** `Segmentation fault` -> `SIGSEGV` (the shell's and faulthandler's words), or undefined. */
export function signalFromDescription(words: string): string | undefined {
  return byDescription.get(words)
}

/** A signal as printed, by number or by name: `11` -> `SIGSEGV`; names pass through. */
export function signalName(signal: string): string {
  return (/^\d+$/.test(signal) && signalFromNumber(Number(signal))) || signal
}

/** Signals that mean the program died of a fault rather than being stopped or interrupted. */
export function isFatalSignal(signal: string): boolean {
  return /^SIG(?:SEGV|BUS|ABRT|IOT|ILL|FPE|TRAP|SYS|KILL)$/.test(signalName(signal))
}

/**
 * The signal an exit status of 128 + n stands for (`137` -> `SIGKILL`): the shell's and
 * container runtimes' way of reporting a death by signal as a number. Undefined for others.
 */
export function signalFromExitStatus(status: number): string | undefined {
  return status > 128 && status <= 128 + 64 ? signalFromNumber(status - 128) : undefined
}
