import { describe, expect, it } from 'vitest'
import {
  createCardCallbackHandler,
  dingtalkAuthoriser,
  isDingtalkUserAllowed,
  parseCardCallback,
  type DingtalkCommand,
} from '../../adapters/dingtalk/index.ts'
import { isAppError } from '../../src/domain/errors.ts'
import { RecordingLogger } from '../support/recording-logger.ts'

function callbackData(params: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    outTrackId: 'card-1',
    userId: 'agent-li',
    corpId: 'ding-corp',
    spaceType: 'IM_GROUP',
    spaceId: 'cid-group==',
    type: 'actionCallback',
    content: JSON.stringify({ cardPrivateData: { actionIds: ['button_loop'], params } }),
    ...extra,
  })
}

describe('parseCardCallback', () => {
  it('maps a button click to a typed command', () => {
    const command = parseCardCallback('msg-1', callbackData({ action: 'bb.send', conversationId: 'conv-1', cardId: 'card-1', revision: '4', replyText: 'Hi Anna' }))
    expect(command).toMatchObject({
      platform: 'dingtalk',
      idempotencyKey: 'msg-1',
      action: 'bb.send',
      conversationId: 'conv-1',
      cardId: 'card-1',
      operator: { userId: 'agent-li', corpId: 'ding-corp' },
      templateId: null,
      replyText: 'Hi Anna',
      revision: '4',
      spaceType: 'IM_GROUP',
      spaceId: 'cid-group==',
    })
    expect(command.replayKey).toMatch(/^dingtalk-replay:/)
  })

  it('takes the template from the select and the action from actionIds when params have none', () => {
    const data = JSON.parse(callbackData({ conversationId: 'conv-1', templateId: 'tpl-wismo' })) as Record<string, unknown>
    data['content'] = { cardPrivateData: { actionIds: ['bb.pick_template'], params: { conversationId: 'conv-1', templateId: 'tpl-wismo' } } }
    const command = parseCardCallback('msg-2', data)
    expect(command.action).toBe('bb.pick_template')
    expect(command.templateId).toBe('tpl-wismo')
    expect(command.revision).toBeNull()
  })

  it('reads a form control reported as { index, value }', () => {
    const command = parseCardCallback('m', callbackData({ action: 'bb.pick_template', conversationId: 'c', templateId: { index: 1, value: 'tpl-delay' } }))
    expect(command.templateId).toBe('tpl-delay')
  })

  it('gives the same replay key for the same click and a different one for another revision', () => {
    const a = parseCardCallback('m1', callbackData({ action: 'bb.assign', conversationId: 'c', revision: '1' }))
    const b = parseCardCallback('m2', callbackData({ revision: '1', conversationId: 'c', action: 'bb.assign' }))
    const c = parseCardCallback('m3', callbackData({ action: 'bb.assign', conversationId: 'c', revision: '2' }))
    expect(a.replayKey).toBe(b.replayKey)
    expect(a.replayKey).not.toBe(c.replayKey)
  })

  it('refuses unknown actions, missing fields and broken JSON with DINGTALK_BAD_CALLBACK', () => {
    const bad = [
      callbackData({ action: 'bb.delete_everything', conversationId: 'c' }),
      callbackData({ action: 'bb.send' }),
      JSON.stringify({ userId: 'u', content: '{}' }),
      '{not json',
    ]
    for (const data of bad) {
      try {
        parseCardCallback('m', data)
        expect.unreachable()
      } catch (error) {
        expect(isAppError(error, 'DINGTALK_BAD_CALLBACK')).toBe(true)
      }
    }
  })
})

describe('createCardCallbackHandler', () => {
  const setup = (overrides: Partial<Parameters<typeof createCardCallbackHandler>[0]> = {}) => {
    const dispatched: DingtalkCommand[] = []
    const keys = new Set<string>()
    const logger = new RecordingLogger()
    const handler = createCardCallbackHandler({
      dispatch: async (command) => {
        dispatched.push(command)
        return { notice: '已发送', cardParamMap: { status: '已回复' } }
      },
      ownsCard: (id) => id === 'card-1',
      seen: (key) => {
        if (keys.has(key)) return true
        keys.add(key)
        return false
      },
      logger,
      ...overrides,
    })
    return { handler, dispatched, logger }
  }

  it('dispatches once and answers with the card update and a private notice', async () => {
    const { handler, dispatched } = setup()
    const answer = await handler({ messageId: 'm1', data: callbackData({ action: 'bb.send', conversationId: 'conv-1', revision: '1' }) })
    expect(dispatched).toHaveLength(1)
    expect(answer).toEqual({
      cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
      cardData: { cardParamMap: { status: '已回复' } },
      userPrivateData: { cardParamMap: { notice: '已发送' } },
    })
    const again = await handler({ messageId: 'm1', data: callbackData({ action: 'bb.send', conversationId: 'conv-1', revision: '1' }) })
    const replayed = await handler({ messageId: 'm9', data: callbackData({ action: 'bb.send', conversationId: 'conv-1', revision: '1' }) })
    expect(dispatched).toHaveLength(1)
    expect(again.userPrivateData?.cardParamMap['notice']).toBe('该操作已处理')
    expect(replayed.userPrivateData?.cardParamMap['notice']).toBe('该操作已处理')
  })

  it('ignores a foreign card, refuses an unauthorised user and answers a failure', async () => {
    const { handler, dispatched, logger } = setup({
      authorise: dingtalkAuthoriser({ userIds: ['agent-li'] }),
    })
    expect(await handler({ messageId: 'f', data: callbackData({ action: 'bb.send', conversationId: 'c' }, { outTrackId: 'not-ours' }) })).toEqual({})
    const refused = await handler({ messageId: 'u', data: callbackData({ action: 'bb.send', conversationId: 'c' }, { userId: 'stranger' }) })
    expect(refused.userPrivateData?.cardParamMap['notice']).toBe('你没有权限执行此操作')
    expect(dispatched).toHaveLength(0)
    const failing = createCardCallbackHandler({ dispatch: () => Promise.reject(new Error('db down')), ownsCard: () => true, logger, language: 'en' })
    const failed = await failing({ messageId: 'x', data: callbackData({ action: 'bb.assign', conversationId: 'c' }) })
    expect(failed.userPrivateData?.cardParamMap['notice']).toBe('The action failed, please try again')
  })

  it('answers "working on it" when dispatch outlasts the budget', async () => {
    let finish: () => void = () => {}
    const { handler } = setup({ budgetMs: 30, dispatch: () => new Promise((resolve) => (finish = () => resolve({})) ) })
    const answer = await handler({ messageId: 'slow', data: callbackData({ action: 'bb.assign', conversationId: 'c' }) })
    expect(answer.userPrivateData?.cardParamMap['notice']).toBe('正在处理，卡片稍后更新')
    finish()
  })
})

describe('DingTalk userId allow-lists', () => {
  it('lets listed users act and keeps approvals to managers', () => {
    const lists = { userIds: ['agent-li'], managerUserIds: ['boss-wang'] }
    expect(isDingtalkUserAllowed('agent-li', 'bb.send', lists)).toBe(true)
    expect(isDingtalkUserAllowed('boss-wang', 'bb.send', lists)).toBe(true)
    expect(isDingtalkUserAllowed('stranger', 'bb.send', lists)).toBe(false)
    expect(isDingtalkUserAllowed('agent-li', 'bb.approve', lists)).toBe(false)
    expect(isDingtalkUserAllowed('boss-wang', 'bb.reject', lists)).toBe(true)
    expect(isDingtalkUserAllowed('anyone', 'bb.approve', {})).toBe(true)
    expect(isDingtalkUserAllowed('', 'bb.ack', {})).toBe(false)
  })
})
