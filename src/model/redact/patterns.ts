/**
 * What redaction looks for before anything leaves the page (share link, bundle, report).
 *
 * Each pattern is a regex plus, where a regex alone over-matches, a check on the match. Every
 * regex here is proven linear by the ReDoS test (src/parse/regex-safety.test.ts covers
 * src/model). Sources: token formats as their issuers document them (GitHub token prefixes,
 * AWS access key ids, JWT's `eyJ` base64url header), seed 001's `/webhook/_REDACTED_…/`.
 */
import { findKeyValueSecrets } from './key-value'

export type RedactionPattern = {
  id: string
  label: string
  /** Why a team wants it, shown in the preview. */
  description: string
  /** On unless the user turns it off. */
  defaultOn: boolean
  regex: RegExp
  /** Rejects a regex match that is not really a secret (e.g. 999.1.1.1). */
  accept?: (match: string) => boolean
  /** Finds the [start, end) spans itself instead of with `regex` (a scanner, linear by construction). */
  find?: (text: string) => [number, number][]
  /** For matches that are only partly secret (a URL): the [start, end) spans to redact. */
  segments?: (match: string) => [number, number][]
}

/** Path segments of a URL that look random: 16+ letters and digits with high entropy. */
function secretSegments(url: string): [number, number][] {
  const pathStart = url.indexOf('/', url.indexOf('//') + 2)
  if (pathStart === -1) return []
  const spans: [number, number][] = []
  let start = pathStart + 1
  for (let i = start; i <= url.length; i++) {
    const c = url[i]
    if (i === url.length || c === '/' || c === '?' || c === '#') {
      const segment = url.slice(start, i)
      if (
        segment.length >= 16 &&
        /^[A-Za-z0-9_-]+$/.test(segment) &&
        hasLetterAndDigit(segment) &&
        entropy(segment) > 3.2
      ) {
        spans.push([start, i])
      }
      if (c === '?' || c === '#') break
      start = i + 1
    }
  }
  return spans
}

const hasLetterAndDigit = (s: string) => /[A-Za-z]/.test(s) && /\d/.test(s)

function isIPv4(s: string): boolean {
  return s
    .split('.')
    .every((part) => Number(part) <= 255 && !(part.length > 1 && part.startsWith('0')))
}

/** Shannon entropy per character: random secrets score above ~3.5, words and paths below. */
export function entropy(s: string): number {
  const counts = new Map<string, number>()
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1)
  let h = 0
  for (const n of counts.values()) {
    const p = n / s.length
    h -= p * Math.log2(p)
  }
  return h
}

export const builtinPatterns: RedactionPattern[] = [
  {
    id: 'private-key',
    label: 'Private keys',
    description: 'PEM private key headers and bodies',
    defaultOn: true,
    regex:
      /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[A-Za-z0-9+/=\s]{0,10000}(?:-----END [A-Z ]{0,40}PRIVATE KEY-----)?/g,
  },
  {
    id: 'bearer',
    label: 'Bearer tokens',
    description: 'Authorization: Bearer …',
    defaultOn: true,
    regex: /(?<=\b[Bb]earer )[A-Za-z0-9._~+/-]{8,}=*/g,
  },
  {
    id: 'jwt',
    label: 'JSON Web Tokens',
    description: 'eyJ….eyJ….signature',
    defaultOn: true,
    regex:
      /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,4096}\.eyJ[A-Za-z0-9_-]{4,4096}\.[A-Za-z0-9_-]{4,4096}/g,
  },
  {
    id: 'aws',
    label: 'AWS keys',
    description: 'Access key ids (AKIA…, ASIA…) and secret keys after aws_secret_access_key',
    defaultOn: true,
    regex:
      /\b(?:AKIA|ASIA|AIDA|AROA)[0-9A-Z]{16}\b|(?<=aws_secret_access_key["']?\s{0,3}[=:]\s{0,3}["']?)[A-Za-z0-9/+=]{40}/g,
  },
  {
    id: 'github',
    label: 'GitHub tokens',
    description: 'ghp_, gho_, ghu_, ghs_, ghr_ and github_pat_ tokens',
    defaultOn: true,
    regex: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g,
  },
  {
    id: 'slack',
    label: 'Slack tokens',
    description: 'xoxb-, xoxp-, xoxa- … tokens and hooks.slack.com URLs',
    defaultOn: true,
    regex:
      /(?<![A-Za-z0-9-])xox[abposr]-[A-Za-z0-9-]{10,512}|(?<=hooks\.slack\.com\/services\/)[A-Za-z0-9/]{20,512}/g,
  },
  {
    id: 'key-value-secret',
    label: 'Passwords and keys in key=value',
    description:
      'password=…, token: …, api_key=…, and variables such as DB_PASSWORD, JWT_SECRET, AWS_SECRET_ACCESS_KEY',
    defaultOn: true,
    // Found by a scanner (see key-value.ts): the many quote and separator spellings make a
    // regex that no linearity proof accepts. The regex only names the pattern's keys.
    regex: /password|secret|token|api[_-]?key/gi,
    find: findKeyValueSecrets,
  },
  {
    id: 'url-password',
    label: 'Passwords in URLs',
    description: 'postgres://user:password@host, and any scheme://user:password@',
    defaultOn: true,
    regex: /(?<=\b[a-z][a-z0-9+.-]{0,20}:\/\/[^\s/:@"'<>]{0,64}:)[^\s/@"'<>]{1,256}(?=@)/gi,
  },
  {
    id: 'basic-auth',
    label: 'Basic authorization',
    description: 'Authorization: Basic … (base64 of user:password)',
    defaultOn: true,
    regex:
      /(?<=authorization(?:\\{0,3}["']|&quot;|&#39;|&#34;|%22|%27)?\s{0,3}(?:[=:]|%3a|%3d)?\s{0,3}(?:\\{0,3}["']|&quot;|&#39;|&#34;|%22|%27)?basic(?:\s|%20|\+))[A-Za-z0-9+/=]{4,1024}/gi,
  },
  {
    id: 'stripe',
    label: 'Stripe keys',
    description: 'sk_live_…, rk_live_… (and their _test_ forms)',
    defaultOn: true,
    regex: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{10,255}\b/g,
  },
  {
    id: 'google-api-key',
    label: 'Google API keys',
    description: 'AIza… keys',
    defaultOn: true,
    regex: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
  },
  {
    id: 'url-secret',
    label: 'Secret-looking URL path segments',
    description:
      'Random path segments such as /webhook/3f9a…/ (16+ characters, letters and digits)',
    defaultOn: true,
    // Whole URLs are found here; `secretSegments` picks the random-looking path segments.
    regex: /https?:\/\/[^\s"'<>]{1,2048}/g,
    segments: (url) => secretSegments(url),
  },
  {
    id: 'email',
    label: 'Email addresses',
    description: 'name@example.com',
    defaultOn: true,
    regex:
      /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g,
    // The last label is a top-level domain: letters only.
    accept: (s) => /\.[A-Za-z]{2,24}$/.test(s),
  },
  {
    id: 'ipv4',
    label: 'IPv4 addresses',
    description: '10.1.2.3',
    defaultOn: true,
    regex: /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\d|\.\d)/g,
    accept: isIPv4,
  },
  {
    id: 'ipv6',
    label: 'IPv6 addresses',
    description: '2001:db8::1, fe80::…',
    defaultOn: true,
    regex:
      /(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){2,7}(?::|[0-9A-Fa-f]{1,4})(?![\w:])|(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4}(?![\w:])/g,
    // Times like 19:50:53 are hex-looking too: a real address has a letter or `::`.
    accept: (s) => s.includes('::') || /[a-fA-F]/.test(s) || s.split(':').length === 8,
  },
  {
    id: 'home-path',
    label: 'User names in home paths',
    description: '/home/alice/, /Users/alice/, C:\\Users\\alice\\',
    defaultOn: true,
    regex: /(?<=\/home\/|\/Users\/|\\Users\\)[^/\\\s]{1,64}/g,
  },
  {
    id: 'long-hex',
    label: 'Long hex strings',
    description: '32+ hex digits: API keys, session ids (also build ids and git hashes)',
    defaultOn: true,
    regex: /(?<![0-9A-Fa-f])[0-9A-Fa-f]{32,512}(?![0-9A-Fa-f])/g,
  },
  {
    id: 'long-base64',
    label: 'Long random base64 strings',
    description: '32+ base64 characters that look random',
    defaultOn: true,
    // No upper bound: STS session tokens run past 1,024 characters.
    regex: /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{32,}={0,2}(?![A-Za-z0-9+/=])/g,
    // A path (`com/webhook/Zx81…`) is not base64: no segment between slashes is a plain word.
    // A long run (an STS token) has such segments by chance, and no path is that random.
    accept: (s) =>
      hasLetterAndDigit(s) &&
      /[A-Z]/.test(s) &&
      /[a-z]/.test(s) &&
      entropy(s) > 4 &&
      (s.length > 256 || !s.split('/').some((segment) => /^[A-Za-z]{2,}$/.test(segment))),
  },
  {
    id: 'hostname',
    label: 'Host names',
    description:
      'db-1.prod.example.com (off by default: it also matches Go module paths like github.com/…)',
    defaultOn: false,
    regex: /(?<![\w.-])[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}(?![\w.-])/gi,
    accept: (s) =>
      /\.(?:com|net|org|io|dev|app|cloud|internal|local|corp|lan|svc|cluster)$/i.test(s),
  },
]
