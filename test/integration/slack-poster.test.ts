import { createServer } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { isAppError } from '../../src/domain/errors.ts'
import { buildCardView } from '../../src/domain/card/index.ts'
import type { SlackMessage } from '../../adapters/slack/block-kit.ts'
import type { SlackLogger } from '../../adapters/slack/interaction-handler.ts'
import { buildReplyEditorModal } from '../../adapters/slack/modals.ts'
import { SlackPoster, type SlackPosterOptions } from '../../adapters/slack/poster.ts'
import { renderSlackCard, SLACK_CARD_BUDGET } from '../../adapters/slack/render-card.ts'
import { FakeSlack } from '../support/fake-slack.ts'

const botToken = 'xoxb-test-0000-bot-token'
const warnings: string[] = []
const logger: SlackLogger = { debug: () => {}, info: () => {}, warn: (_d, m) => warnings.push(m), error: (_d, m) => warnings.push(m) }

let fake: FakeSlack
beforeAll(async () => {
  fake = await new FakeSlack({ botToken }).start()
})
afterAll(async () => {
  await fake.stop()
})
beforeEach(() => {
  warnings.length = 0
})

const poster = (options: Partial<SlackPosterOptions> = {}) => new SlackPoster({ botToken, apiUrl: fake.url, logger, ...options })
const message = (text: string): SlackMessage => ({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] })

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a failure')
}

function card(): SlackMessage {
  const view = buildCardView(
    {
      now: new Date('2026-03-05T05:00:00Z'),
      conversation: {
        id: 'conv-1', storeName: 'Acme EU', marketplace: 'DE', orderId: '028-1234567-1234567', buyerName: 'Jonas',
        productTitle: null, language: 'de', intent: 'where-is-my-order', riskFlags: [], riskScore: 0, state: 'notified',
        slaDueAt: null, assignee: null, escalated: null, acknowledged: null, pagedAfterHours: false,
        latestMessageText: 'Wo ist meine Bestellung?', messageCount: 1,
      },
      templates: [{ id: 'wismo', title: { en: 'Tracking', 'zh-CN': '物流' }, path: 'email', rank: 1, languageFallback: false }],
      lastReply: null, listenOnly: false, paused: false, awaitingApproval: null,
    },
    'en',
    SLACK_CARD_BUDGET,
  )
  return renderSlackCard(view, { cardId: 'card-1' })
}

describe('SlackPoster against the fake Slack Web API', () => {
  it('posts a card, updates it and notes the action in its thread, with exact request bodies', async () => {
    const slack = poster()
    const rendered = card()
    const posted = await slack.postCard('C0EXACT', rendered)
    expect(posted).toEqual({ channel: 'C0EXACT', ts: expect.stringMatching(/^\d+\.\d{6}$/) })
    expect(fake.callsTo('chat.postMessage').at(-1)?.args).toEqual({
      channel: 'C0EXACT',
      text: rendered.text,
      blocks: rendered.blocks,
      unfurl_links: 'false',
      unfurl_media: 'false',
    })
    const updated = message('Sent by <@U1>')
    await slack.updateCard('C0EXACT', posted.ts, updated)
    expect(fake.callsTo('chat.update').at(-1)?.args).toEqual({ channel: 'C0EXACT', ts: posted.ts, text: updated.text, blocks: updated.blocks })
    expect(fake.messages.get('C0EXACT')?.get(posted.ts)?.blocks).toEqual(updated.blocks)
    const note = await slack.postThreadNote('C0EXACT', posted.ts, 'Sent by <@U1> via e-mail')
    expect(fake.callsTo('chat.postMessage').at(-1)?.args).toEqual({
      channel: 'C0EXACT',
      thread_ts: posted.ts,
      text: 'Sent by <@U1> via e-mail',
      reply_broadcast: 'false',
      unfurl_links: 'false',
      unfurl_media: 'false',
    })
    expect(note.ts).not.toBe(posted.ts)
  })

  it('sends ephemerals, opens and updates modals, and identifies itself', async () => {
    const slack = poster()
    expect(await slack.postEphemeral('C0EPH', 'U7', 'You are not allowed to do this')).toEqual({ messageTs: expect.any(String) })
    expect(fake.callsTo('chat.postEphemeral').at(-1)?.args).toEqual({ channel: 'C0EPH', user: 'U7', text: 'You are not allowed to do this' })
    const view = buildReplyEditorModal({
      context: { conversationId: 'conv-1', cardId: 'card-1', channelId: 'C0EPH', messageTs: '1.2', templateId: null },
      initialText: 'Hello',
      language: 'en',
    })
    const triggerId = fake.issueTriggerId()
    const opened = await slack.openModal(triggerId, view)
    expect(fake.callsTo('views.open').at(-1)?.args).toEqual({ trigger_id: triggerId, view })
    await slack.updateModal(opened.viewId, { ...view, title: { type: 'plain_text', text: 'Sent' } })
    expect(fake.views.get(opened.viewId)?.title).toEqual({ type: 'plain_text', text: 'Sent' })
    expect(await slack.authTest()).toEqual({ userId: 'U0BOT', botId: 'B0BOT', teamId: 'T0FAKE', team: 'Fake Team', url: 'https://fake.slack.test/' })
  })

  it('types Slack errors: expired trigger, bad token, blocks over the limits', async () => {
    const slack = poster()
    const expired = await failure(slack.openModal(fake.issueTriggerId(3_500), buildReplyEditorModal({
      context: { conversationId: 'c', cardId: 'k', channelId: null, messageTs: null, templateId: null },
      initialText: '',
      language: 'en',
    })))
    expect(isAppError(expired, 'SLACK_API_ERROR') && expired.details).toEqual({ method: 'views.open', error: 'expired_trigger_id' })
    const unauthorised = await failure(poster({ botToken: 'xoxb-wrong' }).authTest())
    expect(isAppError(unauthorised, 'SLACK_API_ERROR') && unauthorised.details?.error).toBe('invalid_auth')
    const tooLong: SlackMessage = { text: 'x', blocks: Array.from({ length: 5 }, () => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'x'.repeat(2_900) } })) }
    const blocksTooLong = await failure(slack.postCard('C0LIMITS', tooLong))
    expect(isAppError(blocksTooLong, 'SLACK_API_ERROR') && blocksTooLong.details?.error).toBe('msg_blocks_too_long')
    const tooMany = await failure(slack.postCard('C0LIMITS', { text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' as const })) }))
    expect(isAppError(tooMany, 'SLACK_API_ERROR') && tooMany.details?.error).toBe('invalid_blocks')
  })

  it('reports an unreachable Slack as SLACK_NETWORK', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const error = await failure(poster({ apiUrl: `http://127.0.0.1:${port}/api/`, timeoutMs: 2_000 }).authTest())
    expect(isAppError(error, 'SLACK_NETWORK')).toBe(true)
  })

  it('waits out a 429 for Retry-After and then succeeds', async () => {
    const slack = poster({ pacing: { ratePerSecond: 100, burst: 100, marginMs: 0 } })
    for (let i = 0; i < 6; i++) await slack.postCard('C0BURST', message(`burst ${i}`))
    const calls = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0BURST')
    const limited = calls.filter((c) => c.status === 429)
    expect(calls.filter((c) => c.status === 200)).toHaveLength(6)
    expect(limited.length).toBeGreaterThanOrEqual(1)
    for (const refusal of limited) {
      const next = calls[calls.indexOf(refusal) + 1]
      expect(next && next.at - refusal.at).toBeGreaterThanOrEqual(990)
    }
    expect(warnings).toContain('Slack rate limited, waiting Retry-After')
  })

  it('gives up with SLACK_RATE_LIMITED carrying Retry-After when retries are spent', async () => {
    const slack = poster({ pacing: { ratePerSecond: 100, burst: 100, marginMs: 0 }, rateLimitRetries: 0 })
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => slack.postCard('C0GIVEUP', message(`m${i}`))))
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as unknown)
    expect(refused.length).toBeGreaterThanOrEqual(1)
    expect(refused.every((e) => isAppError(e, 'SLACK_RATE_LIMITED'))).toBe(true)
    expect(isAppError(refused[0]) && refused[0].details).toEqual({ method: 'chat.postMessage', channel: 'C0GIVEUP', retryAfterMs: 1000 })
  })

  it('paces 20 cards per channel so that the fake never answers 429', { timeout: 60_000 }, async () => {
    const slack = poster()
    const channels = ['C0PACE1', 'C0PACE2']
    const posted = await Promise.all(channels.flatMap((channel) => Array.from({ length: 20 }, (_, i) => slack.postCard(channel, message(`card ${i}`)))))
    expect(posted).toHaveLength(40)
    for (const channel of channels) {
      const calls = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel)
      expect(calls.map((c) => c.status)).toEqual(Array(20).fill(200))
      expect(calls.map((c) => c.args.text)).toEqual(Array.from({ length: 20 }, (_, i) => `card ${i}`))
      // The fake's own measure: 3 at once, then about one a second (20 cards: at least 16 s from first to last).
      const span = (calls.at(-1)?.at ?? 0) - (calls[0]?.at ?? 0)
      expect(span).toBeGreaterThanOrEqual(16_000)
    }
  })
})
