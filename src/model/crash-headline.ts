/**
 * A crash's signal as a headline shows it: omitted when the message already starts with it
 * (a JVM's `SIGSEGV (0xb) at pc=…`, gdb's `SIGSEGV, Segmentation fault`), where the headline
 * read `SIGSEGV SIGSEGV (0xb) at pc=…`.
 */
export function signalBesideMessage(crash: {
  readonly signal?: string
  readonly message: string
}): string | undefined {
  const { signal, message } = crash
  if (!signal) return undefined
  return message.startsWith(signal) ? undefined : signal
}

/** `signal SIGSEGV: message`: a crash in one line, as a pin's heading and the CLI print it. */
export function crashHeadline(crash: {
  readonly kind: string
  readonly signal?: string
  readonly message: string
}): string {
  const signal = signalBesideMessage(crash)
  return `${crash.kind}${signal ? ` ${signal}` : ''}: ${crash.message}`
}
