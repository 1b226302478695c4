import { describe, expect, it } from 'vitest'
import { parseGitHubRepo } from './github-repo'

describe('the repository action items go to', () => {
  it.each([
    ['owner/name', 'acme/payments', { owner: 'acme', name: 'payments' }],
    ['spaces around', '  acme/payments ', { owner: 'acme', name: 'payments' }],
    ['the address', 'https://github.com/acme/pay.api/', { owner: 'acme', name: 'pay.api' }],
    ['a clone URL', 'github.com/acme-corp/pay_api.git', { owner: 'acme-corp', name: 'pay_api' }],
  ])('reads %s', (_, text, repo) => {
    expect(parseGitHubRepo(text)).toEqual(repo)
  })

  it.each([
    ['empty', ''],
    ['one part', 'payments'],
    ['three parts', 'acme/payments/issues'],
    ['a hyphen at the owner’s start', '-acme/payments'],
    ['two hyphens in a row', 'ac--me/payments'],
    ['a 40-character owner', `${'a'.repeat(40)}/payments`],
    ['a dot-dot name', 'acme/..'],
    ['a query in the name', 'acme/payments?x=1'],
    ['another host', 'https://gitlab.com/acme/payments'],
  ])('refuses %s', (_, text) => {
    expect(parseGitHubRepo(text)).toBeNull()
  })
})
