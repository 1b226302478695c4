import { seededRandom } from '../lib/prng'

/**
 * Every kind of secret the redaction rules must catch, each as it appears in a log line and
 * in a URL, with the fragments that must not survive any export. Kinds follow the issue that
 * found them leaking (upper-case env variables, long STS tokens, URL passwords, Basic auth, an
 * IPv4 address ending a sentence, Stripe and Google keys) plus the kinds caught before.
 */
export type SecretSample = {
  kind: string
  /** The secret in a log line (as written by a program). */
  line: string
  /** The same secret as a URL carries it. */
  url: string
  /** What must not appear in any export. */
  secrets: string[]
}

function randomBase64(length: number, seed: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  const random = seededRandom(seed)
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)]
  return out
}

const awsSecret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
/** STS session tokens run past 1,024 characters. */
const stsToken = `IQoJb3JpZ2luX2Vj${randomBase64(1200, 19)}`

export const secretSamples: SecretSample[] = [
  {
    kind: 'AWS secret key (upper-case env)',
    line: `export AWS_SECRET_ACCESS_KEY=${awsSecret}`,
    url: `https://ops.example.com/env?AWS_SECRET_ACCESS_KEY=${awsSecret}`,
    secrets: [awsSecret],
  },
  {
    kind: '*_PASSWORD variable',
    line: 'DB_PASSWORD="correct-horse-battery-9" connecting',
    url: 'https://ops.example.com/env?DB_PASSWORD=correct-horse-battery-9&retry=1',
    secrets: ['correct-horse-battery-9'],
  },
  {
    kind: '*_SECRET variable',
    line: "JWT_SECRET: 'signing-key-Zq81x'",
    url: 'https://ops.example.com/env?JWT_SECRET=signing-key-Zq81x',
    secrets: ['signing-key-Zq81x'],
  },
  {
    kind: '*_TOKEN variable',
    line: 'GITLAB_API_TOKEN=glpat-x8YqP2mZ-Kw7e',
    url: 'https://ops.example.com/env?GITLAB_API_TOKEN=glpat-x8YqP2mZ-Kw7e',
    secrets: ['glpat-x8YqP2mZ-Kw7e'],
  },
  {
    kind: 'STS session token over 1,024 characters',
    line: `assumed role, session ${stsToken} expires in 3600s`,
    url: `https://sts.example.com/?X-Amz-Security-Token=${stsToken}`,
    secrets: [stsToken.slice(0, 40), stsToken.slice(600, 640), stsToken.slice(-40)],
  },
  {
    kind: 'password in scheme://user:pw@',
    line: 'dsn=postgres://app:pgPa55word@db.internal:5432/orders',
    url: 'amqp://guest:rabbitPw9x@mq.internal:5672/vhost',
    secrets: ['pgPa55word', 'rabbitPw9x'],
  },
  {
    kind: 'Authorization: Basic',
    line: 'GET /admin Authorization: Basic YWxpY2U6d29uZGVybGFuZA==',
    url: 'https://ops.example.com/req?authorization=Basic%20YWxpY2U6d29uZGVybGFuZA%3D%3D',
    secrets: ['YWxpY2U6d29uZGVybGFuZA'],
  },
  {
    kind: 'IPv4 address ending a sentence',
    line: 'connection refused by 10.20.30.40.',
    url: 'http://10.20.30.40:8080/health',
    secrets: ['10.20.30.40'],
  },
  {
    kind: 'Stripe keys',
    line: 'charge failed with sk_live_51HqLyjWDarjtT1zdp7dcXYZ (rk_live_51HqLyjWDarjtT1zdQ8pQ)',
    url: 'https://api.example.com/v1/charges?key=sk_live_51HqLyjWDarjtT1zdp7dcXYZ',
    secrets: ['51HqLyjWDarjtT1zdp7dcXYZ', '51HqLyjWDarjtT1zdQ8pQ'],
  },
  {
    kind: 'Google API key',
    line: 'maps client key=AIzaSyA-abcdefghijklmnopqrstuvwxyz01234 loaded',
    url: 'https://maps.example.com/api/js?key=AIzaSyA-abcdefghijklmnopqrstuvwxyz01234',
    secrets: ['AIzaSyA-abcdefghijklmnopqrstuvwxyz01234'.slice(4)],
  },
  {
    kind: 'password="…" (quoted)',
    line: 'login retry password="hunter2-Horse" user=ops',
    url: 'https://ops.example.com/login?password=hunter2-Horse',
    secrets: ['hunter2-Horse'],
  },
  {
    kind: 'email address',
    line: 'paged ops-oncall@example.com at 14:02',
    url: 'mailto:ops-oncall@example.com',
    secrets: ['ops-oncall@example.com'],
  },
]

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

/** The forms each sample is written in: a plain log, JSON, a URL, HTML-escaped text. */
export const corpusForms: { form: string; write(s: SecretSample): string }[] = [
  { form: 'plain log', write: (s) => `2024-03-05T14:02:11Z ERROR worker: ${s.line}` },
  {
    form: 'JSON',
    write: (s) => JSON.stringify({ ts: '2024-03-05T14:02:11Z', level: 'error', msg: s.line }),
  },
  { form: 'URL', write: (s) => `2024-03-05T14:02:11Z INFO fetching ${s.url}` },
  { form: 'HTML-escaped', write: (s) => `<pre>${escapeHtml(s.line)}</pre>` },
]

/** Every way a surviving secret could be written in an export's text. */
export function secretSpellings(secret: string): string[] {
  return [
    ...new Set([
      secret,
      escapeHtml(secret),
      JSON.stringify(secret).slice(1, -1),
      encodeURIComponent(secret),
    ]),
  ]
}
