import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DingtalkCardPoster } from '../../adapters/dingtalk/index.ts'
import { DingtalkChatPlatform } from '../../adapters/dingtalk/dingtalk-platform.ts'
import { FeishuChatPlatform } from '../../adapters/feishu/feishu-platform.ts'
import { FeishuPoster } from '../../adapters/feishu/index.ts'
import { conversationView, FakeDingtalk } from '../support/fake-dingtalk.ts'
import { FakeFeishu } from '../support/fake-feishu.ts'
import { RecordingLogger } from '../support/recording-logger.ts'

// On-call pages and manager DMs on Feishu and DingTalk: the card pipeline hands the platform a target with
// `recipient: 'user'` (a `user:<id>` card row); the request must address the person, not a group.

const FEISHU = { appId: 'cli_dm_app', appSecret: 'feishu-dm-secret' }
const DINGTALK = { appKey: 'ding-dm-key', appSecret: 'ding-dm-secret' }
let feishu: FakeFeishu
let dingtalk: FakeDingtalk
beforeAll(async () => {
  feishu = await FakeFeishu.start(FEISHU)
  dingtalk = new FakeDingtalk({ ...DINGTALK, cardTemplateIds: ['tpl-dm.schema'] })
  await dingtalk.start()
})
afterAll(async () => {
  await feishu.close()
  await dingtalk.stop()
})

describe('DM cards on Feishu and DingTalk', () => {
  it('Feishu: a DM is im.message.create with receive_id_type open_id; a group card keeps chat_id', async () => {
    const platform = new FeishuChatPlatform(new FeishuPoster({ ...FEISHU, domain: feishu.baseUrl }, new RecordingLogger()))
    const view = conversationView('zh-CN')
    const dm = await platform.postCard({ target: { channel: 'ou_li', uiLanguage: 'zh-CN', recipient: 'user' }, cardId: 'card-dm', view })
    await platform.postCard({ target: { channel: 'oc_team', uiLanguage: 'zh-CN' }, cardId: 'card-group', view })
    const creates = feishu.callsTo('POST', '/open-apis/im/v1/messages')
    expect(creates.map((call) => call.query)).toEqual([{ receive_id_type: 'open_id' }, { receive_id_type: 'chat_id' }])
    expect(creates[0]?.body).toMatchObject({ receive_id: 'ou_li', msg_type: 'interactive', uuid: 'card-dm' })
    expect(creates[1]?.body).toMatchObject({ receive_id: 'oc_team', uuid: 'card-group' })
    // Updating does not depend on where it went: PATCH by message id.
    await platform.updateCard({ target: { channel: 'ou_li', uiLanguage: 'zh-CN', recipient: 'user' }, cardId: 'card-dm', posted: dm, view })
    expect(feishu.callsTo('PATCH', `/open-apis/im/v1/messages/${dm.externalRef}`)).toHaveLength(1)
  })

  it('DingTalk: a DM is delivered into the one-to-one robot chat (IM_ROBOT.<userId>)', async () => {
    const poster = new DingtalkCardPoster(
      { ...DINGTALK, apiBaseUrl: dingtalk.baseUrl, robotCode: 'ding-dm-robot', cardTemplateId: 'tpl-dm.schema' },
      new RecordingLogger(),
    )
    const platform = new DingtalkChatPlatform(poster)
    await platform.postCard({ target: { channel: 'manager-li', uiLanguage: 'zh-CN', recipient: 'user' }, cardId: 'page-li', view: conversationView('zh-CN') })
    await platform.postCard({ target: { channel: 'cidTeam==', uiLanguage: 'zh-CN' }, cardId: 'group-card', view: conversationView('zh-CN') })
    const [dm, group] = dingtalk.callsTo('/v1.0/card/instances/createAndDeliver').map((call) => call.body as Record<string, unknown>)
    expect(dm).toMatchObject({
      outTrackId: 'page-li',
      openSpaceId: 'dtv1.card//IM_ROBOT.manager-li',
      imRobotOpenSpaceModel: { supportForward: false },
      imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: 'ding-dm-robot' },
    })
    expect(dm).not.toHaveProperty('imGroupOpenDeliverModel')
    expect(group).toMatchObject({ outTrackId: 'group-card', openSpaceId: 'dtv1.card//IM_GROUP.cidTeam==', imGroupOpenDeliverModel: { robotCode: 'ding-dm-robot' } })
    expect(dingtalk.cards.get('page-li')?.spaceType).toBe('IM_ROBOT')
  })
})
