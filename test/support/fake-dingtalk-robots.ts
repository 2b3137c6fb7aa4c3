// The robot side of the local DingTalk fake.
// - Custom group robots (`POST /robot/send?access_token=…`): the signature checked as DingTalk documents it
//   (`sign` = base64 HMAC-SHA256 of `timestamp\nsecret`, timestamp within an hour), bodies ≤ 20 KB, and at most
//   20 messages a minute per robot (errcode 130101).
// - Messages people send to the app's robot (pushed over Stream mode on the robot topic, each with a
//   `sessionWebhook`) and the replies posted to those session webhooks: accepted only while unexpired and only
//   once issued by the fake; the body must be a text or markdown message.
// Error codes: 130101 and 310000 are DingTalk's; the others are the fake's choice.

import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'

type Answer = { status: number; body: unknown }

export class FakeCustomRobots {
  readonly messages: { accessToken: string; body: unknown; at: number }[] = []
  readonly #robots: readonly { accessToken: string; secret?: string }[]
  readonly #perMinute: number
  readonly #now: () => number
  readonly #sends = new Map<string, number[]>()

  constructor(robots: readonly { accessToken: string; secret?: string }[], perMinute: number, now: () => number) {
    this.#robots = robots
    this.#perMinute = perMinute
    this.#now = now
  }

  receive(url: URL, body: unknown, bytes: number): Answer {
    const accessToken = url.searchParams.get('access_token') ?? ''
    const robot = this.#robots.find((r) => r.accessToken === accessToken)
    if (!robot) return { status: 200, body: { errcode: 300001, errmsg: 'token is not exist' } }
    if (robot.secret) {
      const timestamp = Number(url.searchParams.get('timestamp'))
      const sign = url.searchParams.get('sign') ?? ''
      const expected = createHmac('sha256', robot.secret).update(`${timestamp}\n${robot.secret}`).digest('base64')
      const fresh = Number.isFinite(timestamp) && Math.abs(this.#now() - timestamp) <= 3_600_000
      if (!fresh || sign.length !== expected.length || !timingSafeEqual(Buffer.from(sign), Buffer.from(expected))) {
        return { status: 200, body: { errcode: 310000, errmsg: 'sign not match' } }
      }
    }
    if (bytes > 20_000) return { status: 200, body: { errcode: 460101, errmsg: 'message too long' } }
    const now = this.#now()
    const recent = (this.#sends.get(accessToken) ?? []).filter((at) => at > now - 60_000)
    if (recent.length >= this.#perMinute) {
      return { status: 200, body: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } }
    }
    recent.push(now)
    this.#sends.set(accessToken, recent)
    this.messages.push({ accessToken, body, at: now })
    return { status: 200, body: { errcode: 0, errmsg: 'ok' } }
  }
}

export interface SessionReply {
  conversationId: string
  /** The `x-acs-dingtalk-access-token` header the reply carried, if any. */
  token: string | null
  body: unknown
  at: number
}

interface Session {
  conversationId: string
  expiresAt: number
}

export class FakeSessionWebhooks {
  readonly replies: SessionReply[] = []
  readonly #sessions = new Map<string, Session>()
  readonly #baseUrl: () => string
  readonly #now: () => number

  constructor(baseUrl: () => string, now: () => number) {
    this.#baseUrl = baseUrl
    this.#now = now
  }

  /** A robot message as DingTalk pushes it on the robot topic, with a fresh session webhook. */
  message(text: string, options: { senderStaffId?: string; conversationId?: string; group?: boolean; ttlMs?: number } = {}): Record<string, unknown> {
    const session = randomBytes(12).toString('hex')
    const conversationId = options.conversationId ?? 'cidRobotChat=='
    const expiresAt = this.#now() + (options.ttlMs ?? 90 * 60_000)
    this.#sessions.set(session, { conversationId, expiresAt })
    return {
      conversationId,
      chatbotCorpId: 'ding-corp',
      chatbotUserId: '$:LWCP_v1:$robot',
      msgId: `msg${randomUUID().replaceAll('-', '')}`,
      senderNick: 'Agent',
      isAdmin: false,
      senderStaffId: options.senderStaffId ?? 'ding-agent',
      sessionWebhookExpiredTime: expiresAt,
      createAt: this.#now(),
      senderCorpId: 'ding-corp',
      conversationType: options.group ? '2' : '1',
      senderId: '$:LWCP_v1:$sender',
      sessionWebhook: `${this.#baseUrl()}/robot/sendBySession?session=${session}`,
      robotCode: 'ding-robot',
      msgtype: 'text',
      text: { content: text },
    }
  }

  receive(url: URL, token: string | null, body: unknown): Answer {
    const session = this.#sessions.get(url.searchParams.get('session') ?? '')
    if (!session) return { status: 200, body: { errcode: 300001, errmsg: 'session is not exist' } }
    if (session.expiresAt <= this.#now()) return { status: 200, body: { errcode: 300002, errmsg: 'session expired' } }
    const message = (body ?? {}) as { msgtype?: unknown; text?: { content?: unknown }; markdown?: { title?: unknown; text?: unknown } }
    const valid =
      (message.msgtype === 'text' && typeof message.text?.content === 'string' && message.text.content !== '') ||
      (message.msgtype === 'markdown' && typeof message.markdown?.title === 'string' && typeof message.markdown.text === 'string')
    if (!valid) return { status: 200, body: { errcode: 400102, errmsg: 'invalid message' } }
    this.replies.push({ conversationId: session.conversationId, token, body, at: this.#now() })
    return { status: 200, body: { errcode: 0, errmsg: 'ok' } }
  }
}
