import { describe, expect, it } from 'vitest'
import { slackLanguages } from '../../src/compose/slack.ts'
import type { Person } from '../../src/domain/routing/index.ts'

const people: Person[] = [
  { id: 'li', name: 'Li Wei', roles: ['agent'], slack: 'U0LI', uiLanguage: 'zh-CN' },
  { id: 'sam', name: 'Sam', roles: ['agent'], slack: 'U0SAM' },
] as Person[]

describe('the UI language of a Slack click', () => {
  const languageOf = slackLanguages(people, {
    routing: {
      rules: [{ targets: [{ platform: 'slack', channel: 'C0CN', uiLanguage: 'zh-CN' }, { platform: 'feishu', channel: 'C0EN', uiLanguage: 'zh-CN' }] }],
      defaultTargets: [{ platform: 'slack', channel: 'C0EN' }],
    },
    escalation: { targets: [{ platform: 'slack', channel: 'C0MGR', uiLanguage: 'zh-CN' }] },
  })

  it.each([
    ['a person with their own language, anywhere', 'C0EN', 'U0LI', 'zh-CN'],
    ['a channel routed in Chinese', 'C0CN', 'U0SAM', 'zh-CN'],
    ["the managers' channel", 'C0MGR', 'U0SAM', 'zh-CN'],
    ['a channel without a language (a Feishu target of the same id does not count)', 'C0EN', 'U0SAM', 'en'],
    ['a DM (no channel in the payload)', null, 'U0SAM', 'en'],
  ] as const)('%s', (_case, channel, user, expected) => {
    expect(languageOf(channel, user)).toBe(expected)
  })
})
