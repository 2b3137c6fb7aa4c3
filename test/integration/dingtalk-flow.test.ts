// The DingTalk seams together, as the services will use them: a card is delivered, the agent picks a
// template, edits the draft and sends; every click arrives over Stream mode and the card is updated through
// the OpenAPI. The dispatcher here stands in for the services (the wiring is not part of the adapter).

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createCardCallbackHandler,
  DingtalkCardPoster,
  DingtalkStreamConnector,
  renderDingtalkCardData,
  type DingtalkCommand,
  type DingtalkDispatchResult,
} from '../../adapters/dingtalk/index.ts'
import type { DingtalkActionButton } from '../../adapters/dingtalk/index.ts'
import type { ConversationCardInput } from '../../src/domain/card/index.ts'
import { buildCardView } from '../../src/domain/card/index.ts'
import { conversationInput, FakeDingtalk, NOW } from '../support/fake-dingtalk.ts'
import { RecordingLogger } from '../support/recording-logger.ts'

const APP = { appKey: 'flow-key', appSecret: 'flow-secret' }
const TEMPLATE_TEXT: Record<string, string> = { 'tpl-wismo': 'Hi Anna, your order 111-2223334-5556667 ships today.' }

describe('DingTalk card flow: deliver → pick → edit → send → updated', () => {
  let fake: FakeDingtalk
  let connector: DingtalkStreamConnector
  beforeEach(async () => {
    fake = new FakeDingtalk({ ...APP, redeliverAfterMs: 500 })
    await fake.start()
  })
  afterEach(async () => {
    await connector.stop()
    await fake.stop()
  })

  it('runs the whole card conversation over HTTP and the Stream socket', async () => {
    const logger = new RecordingLogger()
    const poster = new DingtalkCardPoster({ ...APP, apiBaseUrl: fake.baseUrl, robotCode: 'robot', cardTemplateId: 'tpl' }, logger)
    let input: ConversationCardInput = conversationInput()
    let revision = 1
    let draft: string | null = null
    let selected: string | null = null
    const sent: { text: string; by: string }[] = []
    const render = () =>
      renderDingtalkCardData(buildCardView(input, 'zh-CN', { excerptChars: 2000 }), { cardId: 'card-77', revision: String(revision), replyDraft: draft, selectedTemplateId: selected })

    const dispatch = async (command: DingtalkCommand): Promise<DingtalkDispatchResult> => {
      if (command.revision !== String(revision)) return { notice: '卡片已更新，请重试' }
      if (command.action === 'bb.pick_template') {
        selected = command.templateId
        draft = TEMPLATE_TEXT[command.templateId ?? ''] ?? null
      } else if (command.action === 'bb.edit') {
        draft = command.replyText
      } else if (command.action === 'bb.send') {
        sent.push({ text: command.replyText ?? draft ?? '', by: command.operator.userId })
        input = {
          ...input,
          conversation: { ...input.conversation, state: 'replied' },
          lastReply: { path: 'email', state: 'sent', sentBy: command.operator.userId, sentAt: NOW, failureReason: null },
        }
        draft = null
      }
      revision++
      await poster.updateCard(command.cardId, render())
      return { notice: '已处理' }
    }
    const handler = createCardCallbackHandler({ dispatch, ownsCard: (id) => id === 'card-77', logger })
    connector = new DingtalkStreamConnector({ ...APP, apiBaseUrl: fake.baseUrl }, handler, logger)
    connector.start()

    await poster.createAndDeliver({ kind: 'group', openConversationId: 'cid-team' }, 'card-77', render())
    await fake.stream.waitFor(() => connector.health().state === 'connected')

    // What DingTalk sends when the agent uses the card: the template's callback params from the card's data.
    const clickOn = async (action: string, extra: Record<string, string> = {}) => {
      const card = fake.cards.get('card-77')?.cardParamMap ?? {}
      const params = { action, conversationId: card['conversationId'] ?? '', cardId: card['cardId'] ?? '', revision: card['revision'] ?? '', ...extra }
      const messageId = fake.stream.pushCardCallback({
        outTrackId: 'card-77',
        userId: 'agent-li',
        content: JSON.stringify({ cardPrivateData: { actionIds: [action], params } }),
      })
      return fake.stream.waitForAck(messageId)
    }

    await clickOn('bb.pick_template', { templateId: 'tpl-wismo' })
    expect(fake.cards.get('card-77')?.cardParamMap['replyDraft']).toBe(TEMPLATE_TEXT['tpl-wismo'])
    expect(fake.cards.get('card-77')?.cardParamMap['selectedTemplateId']).toBe('tpl-wismo')

    await clickOn('bb.edit', { replyText: 'Hi Anna, your order ships today. Tracking follows by e-mail.' })
    expect(fake.cards.get('card-77')?.cardParamMap['replyDraft']).toBe('Hi Anna, your order ships today. Tracking follows by e-mail.')

    await clickOn('bb.send', { replyText: 'Hi Anna, your order ships today. Tracking follows by e-mail.' })
    expect(sent).toEqual([{ text: 'Hi Anna, your order ships today. Tracking follows by e-mail.', by: 'agent-li' }])
    const card = fake.cards.get('card-77')
    expect(card?.updates).toBe(3)
    expect(card?.deliveries).toBe(1)
    expect(card?.cardParamMap['level']).toBe('resolved')
    expect(card?.cardParamMap['status']).toContain('agent-li')
    expect(card?.cardParamMap['replyEditable']).toBe('false')
    const send = (JSON.parse(card?.cardParamMap['actions'] ?? '[]') as DingtalkActionButton[]).find((b) => b.id === 'bb.send')
    expect(send).toMatchObject({ disabled: true, reason: '已回复买家' })
    expect(fake.stream.acks).toHaveLength(3)
    expect(fake.stream.badFrames).toEqual([])
  })
})
