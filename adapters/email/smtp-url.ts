import { z } from 'zod'
import { AppError } from '../../src/domain/errors.ts'

/** How a plain `smtp://` connection treats STARTTLS. `smtps://` is TLS from the first byte and ignores it. */
export type StartTlsMode = 'auto' | 'required' | 'never'

export interface SmtpEndpoint {
  /** `smtps://`: implicit TLS. `smtp://`: plain, upgraded with STARTTLS according to `startTls`. */
  secure: boolean
  host: string
  port: number
  auth: { user: string; pass: string } | null
  startTls: StartTlsMode
  /** false only with `?verify_cert=false` (self-signed relays in a lab); never the default. */
  verifyCertificate: boolean
  /** Pool settings given in the URL; they win over the sender's configured ones. */
  pool: { maxConnections?: number; maxMessages?: number }
}

/** Submission port for `smtp://` (587, STARTTLS) and implicit-TLS port for `smtps://` (465), RFC 8314. */
const DEFAULT_PORTS = { 'smtp:': 587, 'smtps:': 465 } as const

const QUERY_OPTIONS = ['starttls', 'verify_cert', 'max_connections', 'max_messages'] as const
const USAGE = 'expected smtp://user:pass@host:port or smtps://…, options ?' + QUERY_OPTIONS.join('=&') + '='

const positiveInt = (name: string, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `${name} must be a whole number` })
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, { error: `${name} must be between 1 and ${max}` })

const booleanWord = (name: string) =>
  z.enum(['true', 'false', '1', '0'], { error: `${name} must be true or false` }).transform((v) => v === 'true' || v === '1')

const querySchema = z
  .object({
    starttls: z.enum(['auto', 'required', 'never'], { error: 'starttls must be auto, required or never' }).optional(),
    verify_cert: booleanWord('verify_cert').optional(),
    max_connections: positiveInt('max_connections', 100).optional(),
    max_messages: positiveInt('max_messages', 100_000).optional(),
  })
  .strict()

const partsSchema = z.object({
  protocol: z.enum(['smtp:', 'smtps:'], { error: 'the scheme must be smtp:// or smtps://' }),
  hostname: z.string().min(1, { error: 'the host is missing' }),
  port: z
    .string()
    .regex(/^\d*$/, { error: 'the port must be a number' })
    .refine((port) => port === '' || (Number(port) >= 1 && Number(port) <= 65_535), {
      error: 'the port must be between 1 and 65535',
    }),
  pathname: z.string().regex(/^\/?$/, { error: 'a path is not supported (nothing may follow host:port but ?options)' }),
  hash: z.literal('', { error: 'a #fragment is not supported' }),
})

/**
 * `SMTP_URL` as a zod schema: a string in, an {@link SmtpEndpoint} out. Issues name the part that is wrong
 * and never repeat the URL or the password.
 */
export const smtpUrlSchema = z.string().transform((value, ctx): SmtpEndpoint => {
  const issue = (message: string) => ctx.addIssue({ code: 'custom', message })
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    issue(diagnoseUnparsable(value.trim()))
    return z.NEVER
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    issue(`the scheme must be smtp:// or smtps://; ${USAGE}`)
    return z.NEVER
  }
  const parts = partsSchema.safeParse({
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port,
    pathname: url.pathname,
    hash: url.hash,
  })
  const queryInput: Record<string, string> = {}
  const duplicated = new Set<string>()
  for (const [key, val] of url.searchParams) {
    if (key in queryInput) duplicated.add(key)
    queryInput[key] = val
  }
  const query = querySchema.safeParse(queryInput)
  const problems: string[] = []
  if (!parts.success) problems.push(...parts.error.issues.map((i) => i.message))
  if (!query.success) problems.push(...query.error.issues.map(queryIssueMessage))
  for (const key of duplicated) problems.push(`option ${key} is given twice`)
  const user = decode(url.username, 'user name', problems)
  const pass = decode(url.password, 'password', problems)
  if (url.username === '' && url.password !== '') problems.push('a password is given without a user name')
  if (url.username !== '' && url.password === '') problems.push('the user name has no password (smtp://user:pass@host)')
  if (url.protocol === 'smtps:' && query.success && query.data.starttls !== undefined) {
    problems.push('starttls applies to smtp:// only; smtps:// is TLS from the start')
  }
  if (!parts.success || !query.success || problems.length > 0) {
    for (const message of problems) issue(message)
    return z.NEVER
  }
  const protocol = parts.data.protocol
  const options = query.data
  const pool: SmtpEndpoint['pool'] = {}
  if (options.max_connections !== undefined) pool.maxConnections = options.max_connections
  if (options.max_messages !== undefined) pool.maxMessages = options.max_messages
  return {
    secure: protocol === 'smtps:',
    host: parts.data.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parts.data.port === '' ? DEFAULT_PORTS[protocol] : Number(parts.data.port),
    auth: user === null || user === '' || pass === null ? null : { user, pass },
    startTls: options.starttls ?? 'auto',
    verifyCertificate: options.verify_cert ?? true,
    pool,
  }
})

/** Parses `SMTP_URL`, throwing `AppError('SMTP_URL_INVALID')` whose message lists every problem found. */
export function parseSmtpUrl(value: string): SmtpEndpoint {
  const result = smtpUrlSchema.safeParse(value)
  if (result.success) return result.data
  const problems = result.error.issues.map((i) => i.message)
  throw new AppError('SMTP_URL_INVALID', `SMTP_URL is invalid: ${problems.join('; ')}`, { problems })
}

/** Says which part of a string the URL parser refused is wrong, without repeating any of it. */
function diagnoseUnparsable(value: string): string {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)
  if (!scheme) return `it does not start with smtp:// or smtps://; ${USAGE}`
  const authority = value.slice(scheme[0].length).split(/[/?#]/, 1)[0] ?? ''
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1)
  const hostPortMatch = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostPort)
  const host = hostPortMatch?.[1] ?? ''
  const port = hostPortMatch?.[2]
  if (host === '') return 'the host is missing'
  if (port !== undefined && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65_535)) {
    return 'the port must be between 1 and 65535'
  }
  return `the host or an encoded part is malformed (percent-encode reserved characters in user and password); ${USAGE}`
}

function queryIssueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown option ${issue.keys.join(', ')} (known: ${QUERY_OPTIONS.join(', ')})`
  }
  return issue.message
}

function decode(raw: string, what: string, problems: string[]): string | null {
  try {
    return decodeURIComponent(raw)
  } catch {
    problems.push(`the ${what} is not valid percent-encoding (encode reserved characters, e.g. @ as %40)`)
    return null
  }
}
