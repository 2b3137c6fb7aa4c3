import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SlackPoster } from '../../adapters/slack/poster.ts'
import { SlackUserGroups } from '../../adapters/slack/user-groups.ts'
import { directRecipients, isSlackUserGroupId, parseRoutingConfig, slackUserGroupIds } from '../../src/domain/routing/index.ts'
import { findPerson } from '../../src/services/reply/people.ts'
import { FakeSlack } from '../support/fake-slack.ts'

const botToken = 'xoxb-test-user-groups'
const warnings: object[] = []
const logger = { debug: () => {}, info: () => {}, warn: (details: object) => void warnings.push(details), error: () => {} }
let fake: FakeSlack
let poster: SlackPoster
beforeAll(async () => {
  fake = await new FakeSlack({ botToken, userGroups: { S0NIGHT: ['U0CY', 'U0DEE'], S0LEADS: ['U0LI'] } }).start()
  poster = new SlackPoster({ botToken, apiUrl: fake.url, logger })
})
afterAll(async () => {
  await fake.stop()
})

const { people } = parseRoutingConfig({
  people: [
    { id: 'li', name: 'Li Wei', roles: ['manager'], slack: 'U0LI' },
    { id: 'night', name: 'Night shift', roles: ['oncall', 'agent'], slack: 'S0NIGHT' },
    { id: 'leads', name: 'Team leads', roles: ['manager'], slack: 'S0LEADS' },
  ],
})

describe('Slack user groups for authorisation', () => {
  it('lists members with usergroups.users.list, caches them for the TTL, then asks again', async () => {
    let now = 1_000_000
    const groups = new SlackUserGroups(poster, { groupIds: ['S0NIGHT', 'S0LEADS'], logger, ttlMs: 60_000, now: () => now })
    expect(await groups.groupsOf('U0CY')).toEqual(['S0NIGHT'])
    expect(await groups.groupsOf('U0LI')).toEqual(['S0LEADS'])
    expect(await groups.groupsOf('U0STRANGER')).toEqual([])
    const calls = fake.callsTo('usergroups.users.list')
    expect(calls.map((call) => call.args)).toEqual([{ usergroup: 'S0NIGHT' }, { usergroup: 'S0LEADS' }])
    fake.userGroups.set('S0NIGHT', ['U0DEE'])
    now += 60_000
    expect(await groups.groupsOf('U0CY')).toEqual([])
    expect(fake.callsTo('usergroups.users.list')).toHaveLength(4)
  })

  it('a group Slack does not know counts as no membership, is logged without secrets, and is asked again next time', async () => {
    const groups = new SlackUserGroups(poster, { groupIds: ['S0GONE'], logger })
    const before = fake.callsTo('usergroups.users.list').length
    expect(await groups.groupsOf('U0CY')).toEqual([])
    expect(await groups.groupsOf('U0CY')).toEqual([])
    expect(fake.callsTo('usergroups.users.list').length - before).toBe(2)
    expect(fake.callsTo('usergroups.users.list').at(-1)?.error).toBe('no_such_subteam')
    expect(warnings).toContainEqual({ groupId: 'S0GONE', error: 'SLACK_API_ERROR' })
    expect(JSON.stringify(warnings)).not.toContain(botToken)
  })

  it('a clicker in a configured group is that person; their own id wins; groups get no DMs', () => {
    expect(slackUserGroupIds(people)).toEqual(['S0NIGHT', 'S0LEADS'])
    expect(isSlackUserGroupId('S0614TZR7')).toBe(true)
    expect(isSlackUserGroupId('U0614TZR7')).toBe(false)
    expect(findPerson(people, { platform: 'slack', userId: 'U0CY', displayName: 'cy', groups: ['S0NIGHT'] })?.id).toBe('night')
    expect(findPerson(people, { platform: 'slack', userId: 'U0CY', displayName: 'cy' })).toBeNull()
    expect(findPerson(people, { platform: 'slack', userId: 'U0LI', displayName: 'li', groups: ['S0LEADS'] })?.id).toBe('li')
    expect(findPerson(people, { platform: 'feishu', userId: 'U0CY', displayName: 'cy', groups: ['S0NIGHT'] })).toBeNull()
    expect(directRecipients(people).map((recipient) => recipient.kind === 'dm' && recipient.userId)).toEqual(['U0LI'])
  })
})
