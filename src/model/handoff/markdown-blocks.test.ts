import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseFixture } from '../../test/incident-snapshot'
import { computeGroups } from '../group'
import { getStackFrames } from '../stacks'
import {
  eventsMarkdown,
  fenced,
  frameMarkdown,
  groupMarkdown,
  BLOCK_EVENTS,
} from './markdown-blocks'

const DUMP = 'public/examples/go-goroutine-leak-dump.txt'

/** The dump's goroutines as `goroutine N [state]:` blocks, with the 1-based line each starts on. */
function goroutineBlocks(text: string): { line: number; header: string; body: string }[] {
  const lines = text.split('\n')
  const blocks: { line: number; header: string; body: string }[] = []
  lines.forEach((l, i) => {
    if (/^goroutine \d+ \[/.test(l)) blocks.push({ line: i + 1, header: l, body: '' })
    else if (blocks.length && l.trim()) blocks[blocks.length - 1].body += `${l}\n`
  })
  return blocks
}

/** The fenced lines of a block. */
function fence(markdown: string): string[] {
  const lines = markdown.split('\n')
  const open = lines.findIndex((l) => /^```+/.test(l))
  const close = lines.findIndex((l, i) => i > open && /^```+$/.test(l))
  return lines.slice(open + 1, close)
}

describe('a group as a Markdown block', () => {
  it('states the count, state and places the input gives, and the stack as the dump prints it', async () => {
    const text = readFileSync(DUMP, 'utf8')
    const incident = await parseFixture(DUMP)
    const group = computeGroups(incident)[0]
    const md = groupMarkdown(incident, group, 'goroutines')
    const stack = fence(md)
    // Counted from the text: goroutine blocks whose frames are this stack's, in order.
    const blocks = goroutineBlocks(text)
    const members = blocks.filter((b) => {
      const locations = [...b.body.matchAll(/^\t(\S+:\d+)/gm)].map((m) => m[1])
      const shown = stack.filter((l) => !l.startsWith('created by')).map((l) => l.split('  ')[1])
      return shown.every((loc, i) => locations[i]?.endsWith(loc))
    })
    expect(members.length).toBeGreaterThan(100)
    expect(md.split('\n')[0]).toMatch(
      new RegExp(`^\\*\\*${members.length.toLocaleString('en-US')} goroutines\\*\\* in `),
    )
    const semacquire = members.filter((b) => b.header.includes('[semacquire')).length
    expect(md).toContain(`semacquire ×${semacquire.toLocaleString('en-US')}`)
    // The first lines named are where those goroutines start in the file.
    const named = /lines ([\d, ]+?) and/
      .exec(md)![1]
      .split(', ')
      .map((n) => Number(n.replace(/,/g, '')))
    expect(named).toEqual(members.slice(0, named.length).map((b) => b.line))
    expect(stack.at(-1)).toMatch(
      /^created by example\.com\/edgeproxy\/internal\/dns\.\(\*Resolver\)\.LookupIP {2}.*resolver\.go:28$/,
    )
    for (const line of stack.filter((l) => !l.startsWith('created by')))
      expect(text).toContain(line.split('  ')[0].replace(/\([^()]*\)$/, ''))
  })
})

describe('a flame selection as a Markdown block', () => {
  it('writes the call path from the root as the dump prints it, and the weight through it', async () => {
    const text = readFileSync(DUMP, 'utf8')
    const incident = await parseFixture(DUMP)
    const group = computeGroups(incident)[0]
    const path = getStackFrames(incident, group.stack).reverse()
    const md = frameMarkdown(incident, path, `${group.count.toLocaleString('en-US')} goroutines`, 1)
    expect(md.split('\n')[0]).toMatch(
      new RegExp(`· ${group.count.toLocaleString('en-US')} goroutines through it · 1 group$`),
    )
    // The first member's frames in the file, leaf first: `func(args)` then `\tfile:line +0x..`.
    const first = goroutineBlocks(text).find(
      (b) => b.line === incident.records.line[group.records[0]] + 1,
    )!
    const printed = first.body.split('\n').filter((l) => l && !l.startsWith('created by'))
    const frames: string[] = []
    for (let i = 0; i + 1 < printed.length; i += 2)
      if (!printed[i].startsWith('\t'))
        frames.push(
          `${printed[i].replace(/\([^()]*\)$/, '')}  ${/^\t(\S+:\d+)/.exec(printed[i + 1])![1]}`,
        )
    const written = fence(md)
    expect(written.map((l) => l.trim())).toEqual(frames.reverse().slice(0, written.length))
    expect(written.map((l) => l.length - l.trimStart().length)).toEqual(
      written.map((_, depth) => depth * 2),
    )
  })
})

describe('events as a Markdown block', () => {
  const event = (i: number, level = 'info') => ({
    time: `18:00:${String(i).padStart(2, '0')}`,
    source: 'api.log',
    line: i * 2,
    level,
    text: `request ${i}`,
  })

  it('counts the events by level and names their lines, 1-based', () => {
    const events = [event(1), event(2, 'error'), event(3)]
    const md = eventsMarkdown(events, 'from 18:00 to 18:01 UTC')
    expect(md.split('\n')[0]).toBe('**3 events** from 18:00 to 18:01 UTC · 2 info, 1 error')
    expect(md.split('\n')[1]).toBe('Read from api.log lines 3–7.')
    expect(fence(md)).toEqual([
      '18:00:01  api.log:3  info   request 1',
      '18:00:02  api.log:5  error  request 2',
      '18:00:03  api.log:7  info   request 3',
    ])
  })

  it('writes the first events of a long range and counts the rest', () => {
    const events = Array.from({ length: BLOCK_EVENTS + 7 }, (_, i) => event(i))
    const md = eventsMarkdown(events, 'in the range')
    expect(fence(md)).toHaveLength(BLOCK_EVENTS)
    expect(md).toContain('… and 7 more events in the range.')
  })

  it('keeps a fence that the text cannot close', () => {
    const md = fenced(['a ``` b', 'c'])
    expect(md.split('\n')[0]).toBe('````text')
    expect(md.split('\n').at(-1)).toBe('````')
  })
})
