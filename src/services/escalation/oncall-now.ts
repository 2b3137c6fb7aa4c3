import { onCallText } from '../../domain/routing/index.ts'
import type { UiLanguage } from '../../domain/vocabulary.ts'
import type { EscalationSettings } from './settings.ts'

/**
 * The reply to "who is on call now" (Slack `/buyerbridge oncall`, a Feishu/DingTalk bot message, the console):
 * the person on call, until when and who follows, and whether the team (by id, else the first) is open.
 */
export function whoIsOnCall(settings: EscalationSettings, at: Date, language: UiLanguage, teamId?: string): string {
  const team = (teamId ? settings.teams.find((candidate) => candidate.id === teamId) : undefined) ?? settings.teams[0]
  return onCallText({
    schedule: settings.oncall,
    people: settings.people,
    at,
    language,
    ...(team ? { businessHours: team.hours } : {}),
  })
}
