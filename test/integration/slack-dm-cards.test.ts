import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeMessageRef, encodeMessageRef } from '../../adapters/slack/card-ref.ts'
import { SlackPoster } from '../../adapters/slack/poster.ts'
import { SLACK_CARD_BUDGET } from '../../adapters/slack/render-card.ts'
import { SlackChatPlatform } from '../../adapters/slack/slack-platform.ts'
import { buildCardView, type CardView } from '../../src/domain/card/index.ts'
import { FakeSlack } from '../support/fake-slack.ts'

// On-call pages and manager DMs: Slack takes a user id as the channel of chat.postMessage and answers with
// the DM's own channel id; chat.update and thread replies must use that D… id.

const botToken = 'xoxb-test-dm-cards'
const logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }
let fake: FakeSlack
let platform: SlackChatPlatform
beforeAll(async () => {
  fake = await new FakeSlack({ botToken }).start()
  platform = new SlackChatPlatform(new SlackPoster({ botToken, apiUrl: fake.url, logger }))
})
afterAll(async () => {
  await fake.stop()
})

function view(acknowledged: boolean): CardView {
  return buildCardView(
    {
      now: new Date('2026-03-05T05:00:00Z'),
      conversation: {
        id: 'conv-dm', storeName: 'Acme US', marketplace: 'US', orderId: '114-1234567-1234567', buyerName: 'Dana',
        productTitle: null, language: 'en', intent: 'not-received', riskFlags: ['a-to-z'], riskScore: 90, state: 'notified',
        slaDueAt: null, assignee: null, escalated: null, acknowledged: acknowledged ? { by: 'Bo', at: new Date('2026-03-05T05:01:00Z') } : null,
        pagedAfterHours: true, latestMessageText: 'Where is my parcel?', messageCount: 1,
      },
      templates: [], lastReply: null, listenOnly: false, paused: false, awaitingApproval: null,
    },
    'en',
    SLACK_CARD_BUDGET,
  )
}

describe('Slack DM cards', () => {
  it('posts to the user id, then updates and threads in the DM channel Slack answered with', async () => {
    const target = { channel: 'U0BO', uiLanguage: 'en' as const, recipient: 'user' as const }
    const posted = await platform.postCard({ target, cardId: 'card-dm', view: view(false) })
    const post = fake.callsTo('chat.postMessage').at(-1)!
    expect(post.args.channel).toBe('U0BO')
    const ts = String((fake.messages.get('D0BO')?.keys().next().value) ?? '')
    expect(ts).toMatch(/^\d+\.\d{6}$/)
    expect(posted).toEqual({ externalRef: `D0BO:${ts}`, threadRef: ts })

    await platform.updateCard({ target, cardId: 'card-dm', posted, view: view(true) })
    const update = fake.callsTo('chat.update').at(-1)!
    expect(update).toMatchObject({ status: 200, error: null })
    expect(update.args).toMatchObject({ channel: 'D0BO', ts })
    expect(JSON.stringify(fake.messages.get('D0BO')?.get(ts))).toContain('Acknowledged by Bo')

    await platform.postThreadNote({ target, posted, text: 'Acknowledged by Bo' })
    expect(fake.callsTo('chat.postMessage').at(-1)?.args).toMatchObject({ channel: 'D0BO', thread_ts: ts, text: 'Acknowledged by Bo' })
  })

  it('the fake refuses chat.update addressed to a user id, as Slack does', async () => {
    const posted = await platform.postCard({ target: { channel: 'U0ANA', uiLanguage: 'en', recipient: 'user' }, cardId: 'card-ana', view: view(false) })
    const ts = decodeMessageRef('U0ANA', posted.externalRef).ts
    // What updating with the stored user id would do (the bug this ref format prevents).
    const legacy = { externalRef: ts, threadRef: ts }
    await expect(platform.updateCard({ target: { channel: 'U0ANA', uiLanguage: 'en' }, cardId: 'card-ana', posted: legacy, view: view(true) })).rejects.toMatchObject({
      code: 'SLACK_API_ERROR',
      details: { method: 'chat.update', error: 'channel_not_found' },
    })
  })

  it('keeps the bare ts for channel cards, so refs stored before DMs still decode', async () => {
    const posted = await platform.postCard({ target: { channel: 'C0AGENTS', uiLanguage: 'en' }, cardId: 'card-c', view: view(false) })
    expect(posted.externalRef).toMatch(/^\d+\.\d{6}$/)
    expect(decodeMessageRef('C0AGENTS', posted.externalRef)).toEqual({ channel: 'C0AGENTS', ts: posted.externalRef })
    expect(encodeMessageRef('U0X', { channel: 'D0X', ts: '1.000001' })).toBe('D0X:1.000001')
    expect(decodeMessageRef('U0X', 'D0X:1.000001')).toEqual({ channel: 'D0X', ts: '1.000001' })
  })
})
