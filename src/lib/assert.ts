/** Ends a `switch` over a tagged union: the compiler proves every case is handled. */
export function assertExhaustiveCheck(value: never, message = 'Unhandled case'): never {
  throw new Error(`${message}: ${JSON.stringify(value)}`)
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Assertion failed: ${message}`)
}
