/**
 * Action items live in the document as a Markdown table, so they paste into GitHub, Confluence
 * or Google Docs as a table and stay editable as text. The pane's small table editor reads and
 * writes that table through these functions; any text around it is kept.
 */

export const actionTypes = ['mitigate', 'prevent', 'process'] as const
export const actionStatuses = ['open', 'in progress', 'done'] as const

export type ActionItem = {
  what: string
  /** `mitigate`, `prevent`, `process`, or what was typed. */
  type: string
  owner: string
  /** A ticket id, URL or Markdown link. */
  ticket: string
  /** `YYYY-MM-DD` as typed. */
  due: string
  /** `open`, `in progress`, `done`, or what was typed. */
  status: string
}

export const actionColumns: readonly { key: keyof ActionItem; title: string }[] = [
  { key: 'what', title: 'What' },
  { key: 'type', title: 'Type' },
  { key: 'owner', title: 'Owner' },
  { key: 'ticket', title: 'Ticket' },
  { key: 'due', title: 'Due' },
  { key: 'status', title: 'Status' },
]

export function emptyActionItem(): ActionItem {
  return { what: '', type: 'prevent', owner: '', ticket: '', due: '', status: 'open' }
}

/** Cells are split on `|` not preceded by a backslash (GFM's escape for a pipe in a cell). */
function splitRow(line: string): string[] {
  let inner = line.trim()
  if (inner.startsWith('|')) inner = inner.slice(1)
  if (inner.endsWith('|') && !inner.endsWith('\\|')) inner = inner.slice(0, -1)
  const cells: string[] = []
  let cell = ''
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]
    if (c === '\\' && inner[i + 1] === '|') {
      cell += '|'
      i++
    } else if (c === '|') {
      cells.push(cell.trim())
      cell = ''
    } else cell += c
  }
  cells.push(cell.trim())
  return cells
}

function isTableLine(line: string): boolean {
  return line.trim().startsWith('|')
}

function isHeaderOf(line: string): boolean {
  const cells = splitRow(line).map((c) => c.toLowerCase())
  return cells.includes('what') && cells.includes('owner')
}

/**
 * Finds the action items table in a section body: the first table whose header has a `What`
 * and an `Owner` column. Columns are matched by title, so a team that reorders or
 * drops columns in the text keeps its table. Returns null when there is none.
 */
export function findActionTable(
  body: string,
): { items: ActionItem[]; firstLine: number; lastLine: number } | null {
  const lines = body.split('\n')
  const start = lines.findIndex((l) => isTableLine(l) && isHeaderOf(l))
  if (start === -1) return null
  const titles = splitRow(lines[start]).map((c) => c.toLowerCase())
  let end = start + 1
  while (end < lines.length && isTableLine(lines[end])) end++
  const items: ActionItem[] = []
  for (let i = start + 1; i < end; i++) {
    const cells = splitRow(lines[i])
    if (cells.every((c) => /^:?-+:?$/.test(c) || c === '')) continue // delimiter row
    const item = emptyActionItem()
    for (const col of actionColumns) {
      const at = titles.indexOf(col.title.toLowerCase())
      item[col.key] = at === -1 ? '' : (cells[at] ?? '')
    }
    items.push(item)
  }
  return { items, firstLine: start, lastLine: end - 1 }
}

function escapeCell(text: string): string {
  // A cell is one line; a pipe would end it.
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim()
}

/** The items as a GFM table (header and delimiter rows even when there are no items). */
export function formatActionTable(items: readonly ActionItem[]): string {
  const rows = [
    `| ${actionColumns.map((c) => c.title).join(' | ')} |`,
    `| ${actionColumns.map(() => '---').join(' | ')} |`,
    ...items.map((item) => `| ${actionColumns.map((c) => escapeCell(item[c.key])).join(' | ')} |`),
  ]
  return rows.join('\n')
}

/** Writes the items into the body: replaces the existing table, or appends one. */
export function setActionItems(body: string, items: readonly ActionItem[]): string {
  const table = formatActionTable(items)
  const found = findActionTable(body)
  if (!found) return body.trim() === '' ? table : `${body.trimEnd()}\n\n${table}`
  const lines = body.split('\n')
  lines.splice(found.firstLine, found.lastLine - found.firstLine + 1, table)
  return lines.join('\n')
}
