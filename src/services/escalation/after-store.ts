import type { Transaction } from 'kysely'
import { rowOfStatus, statusOfRow } from '../../db/repos/conversation-rows.ts'
import type { ConversationRow } from '../../db/repos/conversations.ts'
import type { Database } from '../../db/schema.ts'
import { escalate, isOpen, markPaged } from '../../domain/conversation.ts'
import { marketplaceById } from '../../domain/marketplaces.ts'
import { afterHoursPage, escalationReason, routeConversation, shouldEscalate, type RouteFacts, type RouteResult } from '../../domain/routing/index.ts'
import { isIntent, isRiskFlag, type RiskFlag } from '../../domain/vocabulary.ts'
import { notifyManagers } from './managers.ts'
import { startPage } from './paging.ts'
import { SYSTEM_ACTOR, teamFor, type EscalationDeps, type EscalationSettings } from './settings.ts'
import { rescheduleSlaTimers } from './sla-timers.ts'

export interface StoredConversation {
  conversationId: string
}

export interface EscalationOutcome {
  route: RouteResult
  teamId: string | null
  escalated: { reason: string } | null
  paged: { pagedAt: Date; opensAt: Date | null; onCall: string | null } | null
  slaTimers: string[]
}

export function routeFactsOf(row: Pick<ConversationRow, 'store_id' | 'marketplace' | 'intent' | 'language' | 'risk_flags' | 'risk_score'>): RouteFacts {
  return {
    store: row.store_id,
    // Conversations may carry the SP-API marketplace id; rules name country codes.
    marketplace: marketplaceById(row.marketplace)?.code ?? row.marketplace,
    intent: row.intent && isIntent(row.intent) ? row.intent : 'other',
    language: row.language,
    riskFlags: row.risk_flags.filter((flag): flag is RiskFlag => isRiskFlag(flag)),
    riskScore: row.risk_score,
  }
}

/** Where a conversation's agent cards go, per the routing rules (the platforms' defaults as the last resort). */
export function routeOf(settings: EscalationSettings, row: Parameters<typeof routeFactsOf>[0]): RouteResult {
  const route = routeConversation(settings.routing, routeFactsOf(row), {
    defaultTargets: settings.defaultTargets,
    ...(settings.uiLanguage ? { uiLanguage: settings.uiLanguage } : {}),
  })
  return { ...route, targets: route.targets.filter((target) => settings.platforms.includes(target.platform)) }
}

/**
 * Called in the ingest transaction after a buyer message was stored (next to the card planning): escalates a
 * high-risk conversation to the managers, pages on-call when the message arrived outside the business hours
 * of the team it is routed to, and (re)schedules the SLA timers of the new deadline.
 */
export async function afterStoreEscalation(trx: Transaction<Database>, stored: StoredConversation, deps: EscalationDeps): Promise<EscalationOutcome> {
  const { settings } = deps
  const now = deps.clock.now()
  const row = await trx.selectFrom('conversations').selectAll().where('id', '=', stored.conversationId).forUpdate().executeTakeFirstOrThrow()
  const route = routeOf(settings, row)
  const team = teamFor(settings.teams, route.targets)
  let status = statusOfRow(row)
  const outcome: EscalationOutcome = { route, teamId: team?.id ?? null, escalated: null, paged: null, slaTimers: [] }

  const decision = shouldEscalate(settings.escalation, routeFactsOf(row), settings.uiLanguage ?? 'en')
  if (decision.escalate && !status.escalated) {
    const reason = escalationReason(decision, settings.uiLanguage ?? 'en')
    status = escalate(status, { by: SYSTEM_ACTOR, at: now, reason })
    outcome.escalated = { reason }
  }

  let afterHours = row.after_hours
  if (team && isOpen(status.state) && status.pagedAt === null) {
    const page = afterHoursPage(team.hours, settings.oncall, row.last_message_at)
    if (page) {
      afterHours = true
      status = markPaged(status, now)
      outcome.paged = { pagedAt: now, opensAt: page.opensAt, onCall: page.onCall?.personId ?? null }
    }
  }

  await trx.updateTable('conversations').set({ ...rowOfStatus(status), after_hours: afterHours }).where('id', '=', row.id).execute()
  if (outcome.escalated) await notifyManagers(trx, deps, row.id, now)
  if (outcome.paged && team) await startPage(trx, deps, row.id, now, team, outcome.paged.opensAt)
  outcome.slaTimers = (await rescheduleSlaTimers(trx, row.id, deps)).created
  if (outcome.escalated || outcome.paged) {
    deps.logger.info(
      { conversationId: row.id, escalated: outcome.escalated !== null, paged: outcome.paged !== null, team: outcome.teamId, rules: route.rules },
      'high-risk or after-hours handling',
    )
  }
  return outcome
}
