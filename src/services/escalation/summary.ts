import { claimTimer, fireScheduledTimer } from '../../db/repos/timers.ts'
import type { DbOrTrx } from '../../db/schema.ts'
import { formatInstant, INTENT_LABELS, type CardView } from '../../domain/card/index.ts'
import { OPEN_STATES } from '../../domain/conversation.ts'
import { afterHoursSummary, mergeTargets, summaryKey } from '../../domain/routing/index.ts'
import { isIntent, type UiLanguage } from '../../domain/vocabulary.ts'
import { z } from 'zod'
import { routeOf } from './after-store.ts'
import { ESCALATION_JOBS } from './job-names.ts'
import { planAndSync } from '../cards/card-updates.ts'
import { teamFor, type EscalationDeps } from './settings.ts'
import type { SummaryData } from './paging.ts'

const LOOKBACK_MS = 32 * 86_400_000
/** The card lists this many conversations and counts the rest. */
const MAX_LINES = 20

export type SummaryOutcome = { outcome: 'posted'; conversationIds: string[]; cardIds: string[] } | { outcome: 'empty' | 'already-posted' | 'unknown-team' }

/**
 * The `oncall.summary` job at a team's opening: the open conversations whose latest buyer message arrived in
 * the closed stretch this opening ends, as one summary card per team channel (posted once: the summary key is
 * claimed). The card row hangs on the oldest listed conversation; the list itself is kept in the summary's
 * timer row, which the card renders from.
 */
export async function runAfterHoursSummary(deps: EscalationDeps, data: SummaryData): Promise<SummaryOutcome> {
  const { settings } = deps
  const opening = new Date(data.opening)
  const now = deps.clock.now()
  const team = settings.teams.find((candidate) => candidate.id === data.teamId)
  if (!team) return { outcome: 'unknown-team' }
  return deps.db.transaction().execute(async (trx): Promise<SummaryOutcome> => {
    const key = summaryKey(team.id, opening)
    const timer = { key, kind: ESCALATION_JOBS.summary, subjectType: 'team', subjectId: team.id, dueAt: opening }
    if (!(await fireScheduledTimer(trx, key, now)) && !(await claimTimer(trx, timer, now))) return { outcome: 'already-posted' }
    const rows = await trx
      .selectFrom('conversations')
      .selectAll()
      .where('state', 'in', [...OPEN_STATES])
      .where('last_message_at', '<', opening)
      .where('last_message_at', '>=', new Date(opening.getTime() - LOOKBACK_MS))
      .execute()
    const ofTeam = rows.filter((row) => teamFor(settings.teams, routeOf(settings, row).targets)?.id === team.id)
    const listed = afterHoursSummary(team.hours, ofTeam.map((row) => ({ ...row, latestBuyerMessageAt: row.last_message_at })), opening)
    const first = listed[0]
    if (!first) return { outcome: 'empty' }
    const targets = mergeTargets(team.channels, settings.uiLanguage ?? 'en').filter((target) => settings.platforms.includes(target.platform))
    const conversationIds = listed.map((row) => row.id)
    const cardIds = await planAndSync(trx, deps, first.id, targets, 'summary', null)
    await trx
      .updateTable('timers')
      .set({ payload: JSON.stringify({ teamId: team.id, opening: opening.toISOString(), timeZone: team.hours.timeZone, conversationIds, cardIds }) })
      .where('dedupe_key', '=', key)
      .execute()
    deps.logger.info({ team: team.id, conversations: conversationIds.length }, 'after-hours summary planned')
    return { outcome: 'posted', conversationIds, cardIds }
  })
}

const summaryPayload = z.object({ opening: z.iso.datetime(), timeZone: z.string(), conversationIds: z.array(z.string()) })

/** The view of a summary card (rendered by the card pipeline for cards of kind `summary`). */
export async function summaryCardView(db: DbOrTrx, cardId: string, uiLanguage: UiLanguage): Promise<CardView> {
  const timer = await db
    .selectFrom('timers')
    .select(['dedupe_key', 'payload'])
    .where('kind', '=', ESCALATION_JOBS.summary)
    .where('payload', '@>', JSON.stringify({ cardIds: [cardId] }))
    .orderBy('due_at', 'desc')
    .executeTakeFirstOrThrow()
  const summary = summaryPayload.parse(timer.payload)
  const conversations =
    summary.conversationIds.length === 0
      ? []
      : await db
          .selectFrom('conversations')
          .innerJoin('stores', 'stores.id', 'conversations.store_id')
          .select(['conversations.id', 'stores.name', 'conversations.marketplace', 'conversations.intent', 'conversations.last_message_at', 'conversations.acknowledged_by', 'conversations.state'])
          .where('conversations.id', 'in', summary.conversationIds)
          .orderBy('conversations.last_message_at')
          .execute()
  const zh = uiLanguage === 'zh-CN'
  const lines = conversations.slice(0, MAX_LINES).map((c) => {
    const intent = c.intent && isIntent(c.intent) ? INTENT_LABELS[c.intent][uiLanguage] : '—'
    const received = formatInstant(c.last_message_at, summary.timeZone)
    const owner = c.acknowledged_by ? (zh ? `${c.acknowledged_by} 已确认` : `acknowledged by ${c.acknowledged_by}`) : zh ? '无人确认' : 'not acknowledged'
    const replied = OPEN_STATES.includes(c.state) ? '' : zh ? '（已处理）' : ' (handled since)'
    return `${c.name} · ${c.marketplace} · ${intent} · ${received} · ${owner}${replied}`
  })
  const more = conversations.length - lines.length
  if (more > 0) lines.push(zh ? `另有 ${more} 条` : `and ${more} more`)
  const title = zh ? `非工作时间汇总：${conversations.length} 个会话待回复` : `After hours: ${conversations.length} conversation(s) waiting for a reply`
  const opened = formatInstant(new Date(summary.opening), summary.timeZone)
  return {
    kind: 'conversation',
    subjectId: timer.dedupe_key,
    uiLanguage,
    header: { title, subtitle: zh ? `开始营业 ${opened}` : `Opening ${opened}`, level: 'warning', colour: 'orange' },
    highlight: { label: zh ? '收到于非工作时间' : 'Arrived after hours', text: lines.join('\n') },
    fields: [],
    badges: [],
    excerpt: null,
    templates: { recommended: [], other: [] },
    actions: [],
    status: [],
    fallbackText: title,
  }
}
