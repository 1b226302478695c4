/**
 * Loading an input from a URL the user gives (`#url=https://…` or the start page's field):
 * a raw gist, an S3 presigned URL, a CI artifact. Nothing is requested until the user has
 * seen the address and allowed it (the views ask). The request carries no cookies and no
 * referrer, and the body is read with a size limit.
 */

/** The largest input fetched from a URL. */
export const URL_INPUT_LIMIT_BYTES = 512 * 1024 * 1024

export class UrlInputError extends Error {
  override name = 'UrlInputError'
}

/** Checks an address before anything is requested; returns it normalised or a reason. */
export function parseInputUrl(text: string): URL | { error: string } {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return { error: 'This is not a complete address (it should start with https://).' }
  }
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    return {
      error: `Only https:// addresses can be loaded (this one is ${url.protocol}//); plain http would let anyone on the way change the input.`,
    }
  if (url.username || url.password)
    return { error: 'The address contains a user name or password; remove them first.' }
  return url
}

/** A file name for the input: the last path segment, or the host. */
export function nameFromUrl(url: URL): string {
  const raw = url.pathname.split('/').filter(Boolean).pop() ?? ''
  let last = raw
  try {
    last = decodeURIComponent(raw)
  } catch {
    // A malformed %-escape (`%E0%A4%A`) names the file as written rather than failing.
  }
  return last.replace(/[^\w.+-]/g, '_').slice(0, 120) || url.hostname
}

/** Fetches the input; every failure is an UrlInputError that says what to do. */
export async function fetchInput(
  url: URL,
  options: { limit?: number; signal?: AbortSignal; fetch?: typeof fetch } = {},
): Promise<{ name: string; blob: Blob }> {
  const limit = options.limit ?? URL_INPUT_LIMIT_BYTES
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  let response: Response
  // A host that serves the page with a stricter Content-Security-Policy blocks the request
  // before it leaves; the browser then reports a violation, and the fetch fails as CORS does.
  let blockedByPolicy = ''
  const onViolation = (event: Event) => {
    const v = event as SecurityPolicyViolationEvent
    if (v.blockedURI && url.href.startsWith(v.blockedURI)) blockedByPolicy = v.effectiveDirective
  }
  globalThis.addEventListener?.('securitypolicyviolation', onViolation)
  try {
    response = await doFetch(url.href, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      redirect: 'follow',
      signal: options.signal,
    })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError')
      throw new UrlInputError('Loading was cancelled.')
    // The violation event is queued as a task: let it arrive.
    await new Promise((done) => setTimeout(done, 0))
    if (blockedByPolicy)
      throw new UrlInputError(
        `This page's Content-Security-Policy (${blockedByPolicy}) does not allow it to load ${url.host}; the request was never sent. The host serving this page chose that; download the file and drop it here instead.`,
      )
    throw new UrlInputError(
      `Could not read ${url.host}: the request failed before any answer. Either the server does not allow other sites to read it (CORS: raw gists and S3 presigned URLs do; GitHub pages, most dashboards and anything behind a login do not), or it cannot be reached from this machine. Download the file and drop it here instead.`,
    )
  } finally {
    globalThis.removeEventListener?.('securitypolicyviolation', onViolation)
  }
  if (!response.ok) {
    const hint =
      response.status === 403
        ? ' A presigned URL may have expired, or the file is private.'
        : response.status === 404
          ? ' Check the address; a gist needs its "Raw" link.'
          : ''
    throw new UrlInputError(
      `${url.host} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.${hint}`,
    )
  }
  const declared = Number(response.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > limit)
    throw new UrlInputError(
      `The input is ${formatMB(declared)}, more than the ${formatMB(limit)} a URL may load. Download it and open the file instead.`,
    )
  if (!response.body) return { name: nameFromUrl(url), blob: await response.blob() }
  const reader = response.body.getReader()
  const chunks: Uint8Array<ArrayBuffer>[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.length
    if (total > limit) {
      await reader.cancel()
      throw new UrlInputError(
        `The input is larger than the ${formatMB(limit)} a URL may load. Download it and open the file instead.`,
      )
    }
    chunks.push(value as Uint8Array<ArrayBuffer>)
  }
  return { name: nameFromUrl(url), blob: new Blob(chunks) }
}

function formatMB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`
}
