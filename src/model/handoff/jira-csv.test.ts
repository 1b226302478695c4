import { describe, expect, it } from 'vitest'
import { builtinPatterns } from '../redact/patterns'
import { Redactor } from '../redact/redact'
import { emptyActionItem, findActionTable } from '../notes/action-items'
import { readCsv } from '../../test/read-csv'
import { computeJiraCsv, JIRA_COLUMNS } from './jira-csv'

const table = `
| What | Type | Owner | Ticket | Due | Status |
| --- | --- | --- | --- | --- | --- |
| Add a 2s timeout to net.Resolver, "all callers" | prevent | dana | | 2026-12-20 | open |
| =cmd\\|'/C calc'!A0 | mitigate | ops@example.com | | soon | in progress |
| | | | | | |
| -1 retries on lookup | process | | | | done |
`

describe('action items as a Jira CSV', () => {
  const items = findActionTable(table)!.items
  const context = { title: 'DNS pile-up', severity: 'SEV1', evidence: ['E1: group in net.lookup'] }

  it('writes one issue per item that says what to do, with Jira’s field names', () => {
    const rows = readCsv(computeJiraCsv(items, context))
    expect(rows[0]).toEqual([...JIRA_COLUMNS])
    // Independently: the table's rows with a non-empty What cell.
    const withWhat = table
      .split('\n')
      .filter((l) => l.startsWith('|') && !/What|---/.test(l))
      .filter((l) => l.split('|')[1].trim() !== '')
    expect(rows.length - 1).toBe(withWhat.length)
    const byColumn = (row: string[]) => Object.fromEntries(JIRA_COLUMNS.map((c, i) => [c, row[i]]))
    expect(byColumn(rows[1])).toEqual({
      Summary: 'Add a 2s timeout to net.Resolver, "all callers"',
      Description: expect.stringContaining('postmortem of “DNS pile-up” (SEV1)'),
      'Issue Type': 'Task',
      Priority: 'Highest',
      Labels: 'postmortem prevent',
      'Due Date': '2026-12-20',
      Assignee: 'dana',
    })
    expect(rows[1][1]).toContain('- E1: group in net.lookup')
    // A formula is not run by a spreadsheet, and a due date that is no date is left out.
    expect(rows[2][0]).toBe("'=cmd|'/C calc'!A0")
    expect(rows[2][4]).toBe('postmortem mitigate')
    expect(rows[2][5]).toBe('')
    expect(rows[3][0]).toBe("'-1 retries on lookup")
  })

  it('redacts as the exports do', () => {
    const redactor = new Redactor(builtinPatterns.filter((p) => p.defaultOn))
    const csv = computeJiraCsv(items, context, (s) => redactor.redact(s))
    expect(csv).not.toContain('ops@example.com')
    expect(readCsv(csv)[2][6]).toBe('[email-1]')
  })

  it('writes only the header when there are no items', () => {
    expect(readCsv(computeJiraCsv([emptyActionItem()], { ...context, severity: '' }))).toEqual([
      [...JIRA_COLUMNS],
    ])
  })
})
