import { describe, expect, it } from 'vitest'
import { fetchInput, nameFromUrl, parseInputUrl } from './url-input'

const url = (s: string) => {
  const u = parseInputUrl(s)
  if ('error' in u) throw new Error(u.error)
  return u
}

describe('inputs from a URL', () => {
  it.each([
    ['https', 'https://gist.githubusercontent.com/a/b/raw/dump.txt', true],
    ['http on loopback', 'http://127.0.0.1:4179/examples/x.txt', true],
    ['plain http', 'http://example.com/dump.txt', false],
    ['javascript:', 'javascript:alert(1)', false],
    ['data:', 'data:text/plain,hello', false],
    ['credentials', 'https://user:pw@example.com/x', false],
    ['not a URL', 'dump.txt', false],
  ])('accepts or refuses %s', (_name, text, ok) => {
    expect('error' in parseInputUrl(text)).toBe(!ok)
  })

  it('names the input after the last path segment', () => {
    expect(nameFromUrl(url('https://s3.amazonaws.com/b/incident%201.log?X-Amz=1'))).toBe(
      'incident_1.log',
    )
    expect(nameFromUrl(url('https://example.com/'))).toBe('example.com')
  })

  it('reads the body without cookies or referrer', async () => {
    let init: RequestInit | undefined
    const fake = (async (_u: string, i?: RequestInit) => {
      init = i
      return new Response('goroutine 1 [running]:\n')
    }) as typeof fetch
    const got = await fetchInput(url('https://example.com/d.txt'), { fetch: fake })
    expect(await got.blob.text()).toBe('goroutine 1 [running]:\n')
    expect(init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' })
  })

  it.each([
    ['a CORS refusal', async () => Promise.reject(new TypeError('Failed to fetch')), /CORS/],
    ['an HTTP 403', async () => new Response('no', { status: 403 }), /answered 403.*expired/],
    ['an HTTP 404', async () => new Response('no', { status: 404 }), /answered 404/],
    [
      'a declared size over the limit',
      async () => new Response('x', { headers: { 'content-length': '999999' } }),
      /more than/,
    ],
    ['a body over the limit', async () => new Response('x'.repeat(2000)), /larger than/],
  ])('says what went wrong on %s', async (_name, impl, message) => {
    await expect(
      fetchInput(url('https://example.com/d.txt'), { fetch: impl as typeof fetch, limit: 1000 }),
    ).rejects.toThrow(message)
  })
})

describe("a request the page's Content-Security-Policy blocks", () => {
  it('says the policy blocked it, not CORS', async () => {
    // The browser reports a violation event, then the fetch fails as a CORS refusal does.
    const target = new EventTarget()
    const g = globalThis as unknown as Partial<EventTarget>
    const saved = [g.addEventListener, g.removeEventListener]
    g.addEventListener = target.addEventListener.bind(target)
    g.removeEventListener = target.removeEventListener.bind(target)
    try {
      const blocked = (async () => {
        const event = Object.assign(new Event('securitypolicyviolation'), {
          blockedURI: 'https://example.com/d.txt',
          effectiveDirective: 'connect-src',
        })
        setTimeout(() => target.dispatchEvent(event))
        throw new TypeError('Failed to fetch')
      }) as typeof fetch
      await expect(
        fetchInput(url('https://example.com/d.txt'), { fetch: blocked }),
      ).rejects.toThrow(
        /Content-Security-Policy \(connect-src\) does not allow it to load example\.com/,
      )
    } finally {
      ;[g.addEventListener, g.removeEventListener] = saved
    }
  })
})

describe('a URL with a malformed %-escape', () => {
  // Guards against "URI malformed" reaching the page instead of a file name.
  it('is named as written', () => {
    expect(nameFromUrl(new URL('https://example.com/logs/app%E0%A4%A.log'))).toBe('app_E0_A4_A.log')
  })
})
