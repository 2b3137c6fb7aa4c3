import { EventEmitter } from 'node:events'
import type { Readable } from 'node:stream'
import { simpleParser, type HeaderLines, type Headers } from 'mailparser'
import { SMTPServer, type SMTPServerSession } from 'smtp-server'

/** A real SMTP listener on 127.0.0.1 that keeps what it receives: demo mode's outbox and the tests' relay. */
export interface SmtpSinkOptions {
  port?: number
  host?: string
  /** Require AUTH with exactly these credentials; without it the sink takes mail from anyone. */
  auth?: { user: string; pass: string }
  /** Offer STARTTLS (self-signed certificate) and refuse MAIL FROM until the session is encrypted. */
  requireTls?: boolean
  /** TLS from the first byte, like port 465 (self-signed certificate). */
  secure?: boolean
  /** Like Amazon: MAIL FROM any other address is refused with 550. */
  approvedSenders?: readonly string[]
}

export interface CapturedMail {
  /** The queue id the sink answered with (`250 OK: queued as <queueId>`); null when it never answered. */
  queueId: string | null
  envelope: { mailFrom: string; rcptTo: string[] }
  sessionId: string
  secure: boolean
  user: string | null
  raw: Buffer
  /** Parsed by mailparser, lower-case keys. */
  headers: Headers
  headerLines: HeaderLines
  text: string
}

export type SinkStage = 'mail' | 'rcpt' | 'data'

export interface SmtpSink {
  port: number
  /** `smtp://127.0.0.1:<port>` (or `smtps://`), with the credentials when auth is required. */
  url: string
  messages: CapturedMail[]
  /** Sessions opened so far. */
  readonly connectionCount: number
  /** The next command at that stage is answered with this code; `data` is the reply to the end of data. */
  failNext(failure: { stage: SinkStage; code: number; message: string }): void
  /** Read the next message to its end, keep it, and never send the final reply. */
  hangNext(hang: { stage: 'data-end' }): void
  /** Drop the connection instead of answering the next MAIL FROM / RCPT TO, or the next end of data (message kept). */
  dropNext(drop: { stage: 'mail' | 'rcpt' | 'data-end' }): void
  waitFor(count: number, timeoutMs: number): Promise<CapturedMail[]>
  close(): Promise<void>
}

/** The unfolded value of a header as it was on the wire, e.g. `rawHeader(mail, 'content-type')`. */
export function rawHeader(mail: CapturedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line
  return line?.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim()
}

interface SinkFailure {
  code: number
  message: string
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const host = options.host ?? '127.0.0.1'
  const messages: CapturedMail[] = []
  const failures: Record<SinkStage, SinkFailure[]> = { mail: [], rcpt: [], data: [] }
  const dataEndActions: Array<'hang' | 'drop'> = []
  const drops = { mail: 0, rcpt: 0 }
  const captured = new EventEmitter()
  const approved = options.approvedSenders?.map((a) => a.toLowerCase())
  let connectionCount = 0
  let queueCounter = 0

  const refusal = (failure: SinkFailure) => Object.assign(new Error(failure.message), { responseCode: failure.code })
  const dropSession = (session: SMTPServerSession) => {
    // the topmost socket: tearing a TLS socket down from below crashes Node
    for (const connection of server.connections) {
      if (connection.session.id === session.id) connection._socket.destroy()
    }
  }
  const takeDrop = (stage: 'mail' | 'rcpt') => {
    if (drops[stage] === 0) return false
    drops[stage]--
    return true
  }

  const readMail = async (stream: Readable, session: SMTPServerSession, answered: boolean): Promise<CapturedMail> => {
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks)
    const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true })
    const mailFrom = session.envelope.mailFrom
    return {
      queueId: answered ? `BB${(++queueCounter).toString(16).toUpperCase().padStart(6, '0')}` : null,
      envelope: { mailFrom: mailFrom ? mailFrom.address : '', rcptTo: session.envelope.rcptTo.map((r) => r.address) },
      sessionId: session.id,
      secure: session.secure,
      user: typeof session.user === 'string' ? session.user : null,
      raw,
      headers: parsed.headers,
      headerLines: parsed.headerLines,
      text: parsed.text ?? '',
    }
  }
  const keep = (mail: CapturedMail) => {
    messages.push(mail)
    captured.emit('mail')
  }

  const server = new SMTPServer({
    secure: options.secure ?? false,
    hideSTARTTLS: !(options.requireTls ?? false),
    authOptional: options.auth === undefined,
    allowInsecureAuth: true,
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 200,
    onConnect(session, callback) {
      connectionCount++
      callback()
    },
    onAuth(auth, _session, callback) {
      const expected = options.auth
      if (expected && auth.username === expected.user && auth.password === expected.pass) {
        callback(null, { user: auth.username ?? '' })
        return
      }
      callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }))
    },
    onMailFrom(address, session, callback) {
      if (takeDrop('mail')) return dropSession(session)
      const failure = failures.mail.shift()
      if (failure) return callback(refusal(failure))
      if (options.requireTls && !session.secure) {
        return callback(refusal({ code: 530, message: '5.7.0 Must issue a STARTTLS command first' }))
      }
      if (approved && !approved.includes(address.address.toLowerCase())) {
        return callback(refusal({ code: 550, message: '5.7.1 Sender address is not an approved sender' }))
      }
      callback()
    },
    onRcptTo(_address, session, callback) {
      if (takeDrop('rcpt')) return dropSession(session)
      const failure = failures.rcpt.shift()
      callback(failure ? refusal(failure) : undefined)
    },
    onData(stream, session, callback) {
      const failure = failures.data.shift()
      const action = failure ? undefined : dataEndActions.shift()
      readMail(stream, session, failure === undefined && action === undefined).then(
        (mail) => {
          if (failure) return callback(refusal(failure))
          keep(mail)
          if (action === 'hang') return
          if (action === 'drop') return dropSession(session)
          callback(null, `OK: queued as ${mail.queueId}`)
        },
        (error: unknown) => callback(refusal({ code: 451, message: `4.3.0 Could not read the message: ${String(error)}` })),
      )
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  server.on('error', () => {})
  const address = server.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  const credentials = options.auth
    ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@`
    : ''

  return {
    port,
    url: `${options.secure ? 'smtps' : 'smtp'}://${credentials}${host}:${port}`,
    messages,
    get connectionCount() {
      return connectionCount
    },
    failNext(failure) {
      failures[failure.stage].push({ code: failure.code, message: failure.message })
    },
    hangNext() {
      dataEndActions.push('hang')
    },
    dropNext(drop) {
      if (drop.stage === 'data-end') dataEndActions.push('drop')
      else drops[drop.stage]++
    },
    waitFor(count, timeoutMs) {
      if (messages.length >= count) return Promise.resolve(messages.slice())
      return new Promise((resolve, reject) => {
        const onMail = () => {
          if (messages.length < count) return
          clearTimeout(timer)
          captured.off('mail', onMail)
          resolve(messages.slice())
        }
        const timer = setTimeout(() => {
          captured.off('mail', onMail)
          reject(new Error(`SMTP sink: ${messages.length} of ${count} messages after ${timeoutMs} ms`))
        }, timeoutMs)
        captured.on('mail', onMail)
      })
    },
    close() {
      // open sessions get 421 and are closed after closeTimeout
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
