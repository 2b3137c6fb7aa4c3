// The adapter's seams working together over HTTP: a card rendered from a real domain CardView is posted to
// the fake Feishu, then signed and encrypted clicks (pick → edit in the form → send) come back through the
// webhook; a toy dispatcher stands in for the services the lead wires later.

import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createCardActionHandler,
  createFeishuEventDispatcher,
  createFeishuWebhook,
  FeishuPoster,
  renderFeishuCard,
  type FeishuCommand,
  type FeishuDispatchResult,
} from '../../adapters/feishu/index.ts'
import { buildCardView, type ConversationCardInput } from '../../src/domain/card/index.ts'
import { buildCardActionCallback, FakeFeishu } from '../support/fake-feishu.ts'
import { RecordingLogger } from '../support/recording-logger.ts'
import { feishuEventsRoute } from '../../src/compose/feishu.ts'

const APP = { appId: 'cli_flow', appSecret: 'flow-secret' }
const SECRETS = { verificationToken: 'flow-token', encryptKey: 'flow-encrypt-key' }
const CHAT = 'oc_flow_team'
const TEMPLATE_TEXT = 'Hello Anna, your order 111-2223334-5556667 left our warehouse today.'

function cardInput(state: ConversationCardInput['conversation']['state'], assignee: string | null): ConversationCardInput {
  return {
    now: new Date('2026-11-22T10:00:00Z'),
    conversation: {
      id: 'conv-1',
      storeName: 'Acme US',
      marketplace: 'US',
      orderId: '111-2223334-5556667',
      buyerName: 'Anna',
      productTitle: null,
      language: 'en',
      intent: 'where-is-my-order',
      riskFlags: [],
      riskScore: 10,
      state,
      slaDueAt: new Date('2026-11-23T10:00:00Z'),
      assignee,
      escalated: null,
      acknowledged: null,
      pagedAfterHours: false,
      latestMessageText: 'Where is my order? It was due yesterday.',
      messageCount: 1,
    },
    templates: [{ id: 'tpl-wismo', title: { en: 'Where is my order', 'zh-CN': '查询订单' }, path: 'email', rank: 1, languageFallback: false }],
    lastReply: null,
    listenOnly: false,
    paused: false,
    awaitingApproval: null,
  }
}

describe('Feishu card flow: post → pick → edit → send → card updated', () => {
  let fake: FakeFeishu
  let app: FastifyInstance
  let poster: FeishuPoster
  let url: string
  const commands: FeishuCommand[] = []
  const background: Promise<unknown>[] = []

  beforeEach(async () => {
    fake = await FakeFeishu.start(APP)
    const logger = new RecordingLogger()
    poster = new FeishuPoster({ ...APP, domain: fake.baseUrl }, logger)
    let draft: string | null = null
    const render = (state: 'notified' | 'assigned' | 'replied', assignee: string | null) =>
      renderFeishuCard(buildCardView(cardInput(state, assignee), 'zh-CN', { excerptChars: 500 }), { cardId: 'card-1', replyDraft: draft })

    const dispatch = async (command: FeishuCommand): Promise<FeishuDispatchResult> => {
      commands.push(command)
      if (command.action === 'bb.pick_template') {
        draft = TEMPLATE_TEXT
        return { toast: { type: 'success', content: '已选择模板' }, card: render('assigned', 'ou_agent') }
      }
      if (command.action === 'bb.edit') {
        draft = command.replyText
        return { toast: { type: 'success', content: '已保存修改' }, card: render('assigned', 'ou_agent') }
      }
      if (command.action === 'bb.send' && command.messageId) {
        const messageId = command.messageId
        // Slow work continues after the ack: the card is patched and the action noted in the thread.
        background.push(
          poster.patchCard(messageId, render('replied', 'ou_agent')).then(() => poster.replyInThread(messageId, `已发送回复：${draft ?? ''}`)),
        )
        return { toast: { type: 'info', content: '正在发送' } }
      }
      return { toast: { type: 'error', content: 'unexpected' } }
    }
    const handler = createCardActionHandler({ dispatch, logger })
    const webhook = createFeishuWebhook({ ...SECRETS, dispatcher: createFeishuEventDispatcher(handler, SECRETS, logger), logger })
    app = Fastify()
    await feishuEventsRoute(webhook)(app)
    url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/feishu/events`
  })

  afterEach(async () => {
    await app.close()
    await fake.close()
  })

  async function clickCard(messageId: string, value: unknown, extra: { option?: string; formValue?: Record<string, string>; tag?: string }) {
    const request = buildCardActionCallback({ appId: APP.appId, ...SECRETS, operator: { openId: 'ou_agent' }, value, messageId, chatId: CHAT, ...extra })
    const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body })
    expect(response.status).toBe(200)
    return (await response.json()) as { toast: { content: string }; card?: { type: string; data: { body: { elements: Array<Record<string, unknown>> }; header: { template: string } } } }
  }

  it('goes from a posted card to an updated, replied card with a thread note', async () => {
    const first = renderFeishuCard(buildCardView(cardInput('notified', null), 'zh-CN', { excerptChars: 500 }), { cardId: 'card-1' })
    const { messageId } = await poster.sendCard(CHAT, first)
    const posted = fake.messages.get(messageId)?.card as { body: { elements: Array<{ tag: string; behaviors?: Array<{ value: unknown }> }> } }
    const picker = posted.body.elements.find((element) => element.tag === 'select_static')
    const pickValue = picker?.behaviors?.[0]?.value
    expect(pickValue).toEqual({ action: 'bb.pick_template', conversationId: 'conv-1', cardId: 'card-1' })

    const picked = await clickCard(messageId, pickValue, { option: 'tpl-wismo', tag: 'select_static' })
    expect(picked.toast.content).toBe('已选择模板')
    const pickedForm = picked.card?.data.body.elements.find((element) => element.tag === 'form') as { elements: Array<Record<string, unknown>> }
    expect(pickedForm.elements[0]).toMatchObject({ name: 'reply_text', default_value: TEMPLATE_TEXT })

    const submitValue = (pickedForm.elements[1] as { behaviors: Array<{ value: unknown }> }).behaviors[0]?.value
    const edited = `${TEMPLATE_TEXT} Tracking: 1Z999.`
    const saved = await clickCard(messageId, submitValue, { formValue: { reply_text: edited } })
    const savedForm = saved.card?.data.body.elements.find((element) => element.tag === 'form') as { elements: Array<Record<string, unknown>> }
    expect(savedForm.elements[0]).toMatchObject({ default_value: edited })

    const sent = await clickCard(messageId, { action: 'bb.send', conversationId: 'conv-1', cardId: 'card-1' }, {})
    expect(sent).toEqual({ toast: { type: 'info', content: '正在发送' } })
    await Promise.all(background)

    expect(commands.map((command) => [command.action, command.templateId, command.replyText])).toEqual([
      ['bb.pick_template', 'tpl-wismo', null],
      ['bb.edit', null, edited],
      ['bb.send', null, null],
    ])
    const final = fake.messages.get(messageId)
    expect(final?.patchCount).toBe(1)
    expect((final?.card as { header: { template: string } }).header.template).toBe('green')
    const notes = [...fake.messages.values()].filter((message) => message.parentId === messageId)
    expect(notes.map((note) => JSON.parse(note.content))).toEqual([{ text: `已发送回复：${edited}` }])
  })
})
