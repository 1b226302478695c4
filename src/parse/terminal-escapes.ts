/**
 * Terminal escape sequences in a captured log: `docker logs` of a container with a TTY, a
 * `script` session, and the console writers of zerolog, logrus, tracing and env_logger colour
 * the time and the level (`\x1b[90m2024-03-14T08:23:33Z\x1b[0m \x1b[32mINF\x1b[0m ready`). The
 * formats read the text the terminal showed, without them.
 */

const ESC = '\x1b'

// A CSI sequence (colours, erasing: ESC [ parameters intermediates final), an OSC sequence
// (a window title or a hyperlink, ended by BEL or ESC \), or a two-character escape. Each part
// matches characters of its own class once, so the pattern cannot backtrack.
// eslint-disable-next-line no-control-regex -- the sequences are made of control characters
const SEQUENCE = /\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])?/g

/** Whether `text` holds an escape: files whose first chunk holds none are read as they are. */
export function hasTerminalEscapes(text: string): boolean {
  return text.includes(ESC)
}

/** `line` without its terminal escape sequences (a lone ESC too). */
export function withoutTerminalEscapes(line: string): string {
  return line.includes(ESC) ? line.replace(SEQUENCE, '') : line
}
