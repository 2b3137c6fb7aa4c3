import type { Transaction } from 'kysely'
import { claimTimer, findTimer, insertTimer } from '../../db/repos/timers.ts'
import type { Database } from '../../db/schema.ts'
import { isOpen } from '../../domain/conversation.ts'
import {
  chainStep,
  chainStepSchema,
  directRecipients,
  stepKey,
  stepRecipients,
  summaryKey,
  type ChainStep,
  type EscalationChain,
} from '../../domain/routing/index.ts'
import { z } from 'zod'
import { ESCALATION_JOBS } from './job-names.ts'
import { planAndSync, refreshCards } from '../cards/card-updates.ts'
import { recipientTargets } from './notify.ts'
import { escalationChain, type EscalationDeps, type Team } from './settings.ts'

export interface PageStepData {
  conversationId: string
  /** ISO instant of the page (the conversation's `paged_at`). */
  pagedAt: string
}

export interface SummaryData {
  teamId: string
  /** ISO instant of the opening the summary is for. */
  opening: string
}

export const pageKey = (conversationId: string, pagedAt: Date) => `page:${conversationId}:${pagedAt.getTime()}`

const chainSnapshot = z.object({ steps: z.array(chainStepSchema), repeat: z.number().int().min(0) })

/**
 * Starts the after-hours chain of a conversation just marked paged (same transaction): a page row holding the
 * chain as configured now (a config change mid-chain must not move the due times), the first step's job, and
 * the summary at the team's next opening.
 */
export async function startPage(trx: Transaction<Database>, deps: EscalationDeps, conversationId: string, pagedAt: Date, team: Team, opensAt: Date | null): Promise<void> {
  const chain = escalationChain(deps.settings.oncall)
  await insertTimer(trx, {
    key: pageKey(conversationId, pagedAt),
    kind: 'oncall.page',
    subjectType: 'conversation',
    subjectId: conversationId,
    dueAt: pagedAt,
    payload: { steps: chain.steps, repeat: chain.repeat, teamId: team.id },
  })
  const data: PageStepData = { conversationId, pagedAt: pagedAt.toISOString() }
  await deps.sendJob(ESCALATION_JOBS.pageStep, data, { trx, startAfter: pagedAt, singletonKey: `${pageKey(conversationId, pagedAt)}@${pagedAt.getTime()}` })
  if (opensAt) await scheduleSummary(trx, deps, team.id, opensAt)
}

async function scheduleSummary(trx: Transaction<Database>, deps: EscalationDeps, teamId: string, opening: Date): Promise<void> {
  const key = summaryKey(teamId, opening)
  const created = await insertTimer(trx, { key, kind: ESCALATION_JOBS.summary, subjectType: 'team', subjectId: teamId, dueAt: opening })
  if (!created) return
  const data: SummaryData = { teamId, opening: opening.toISOString() }
  await deps.sendJob(ESCALATION_JOBS.summary, data, { trx, startAfter: opening, singletonKey: key })
}

export type PageStepOutcome =
  | { outcome: 'stale' | 'closed' | 'acknowledged' | 'exhausted' | 'waiting'; paged: [] }
  | { outcome: 'paged' | 'already-paged'; paged: { step: ChainStep; personIds: string[]; cardIds: string[] }[] }

/**
 * The page job, following chain.ts's rule: under the conversation row lock (the lock `bb.ack` takes), read the
 * committed acknowledgement, claim the due steps with unique timer rows, plan the on-call DM cards (delivered
 * by `cards.sync` after commit), and schedule the next run.
 */
export async function runPageStep(deps: EscalationDeps, data: PageStepData): Promise<PageStepOutcome> {
  const pagedAt = new Date(data.pagedAt)
  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx): Promise<PageStepOutcome> => {
    const row = await trx.selectFrom('conversations').selectAll().where('id', '=', data.conversationId).forUpdate().executeTakeFirst()
    if (!row?.paged_at || row.paged_at.getTime() !== pagedAt.getTime()) return { outcome: 'stale', paged: [] }
    if (!isOpen(row.state)) return { outcome: 'closed', paged: [] }
    const chain = await pageChain(trx, deps, data.conversationId, pagedAt)
    const state = chainStep(chain, pagedAt, now, row.acknowledged_at)
    if (state.reason === 'acknowledged') return { outcome: 'acknowledged', paged: [] }
    const paged: { step: ChainStep; personIds: string[]; cardIds: string[] }[] = []
    let claimedAny = false
    if (state.send) {
      for (const step of state.steps) {
        const key = stepKey(data.conversationId, pagedAt, step)
        const personIds = recipientsOf(deps, step)
        const claimed = await claimTimer(
          trx,
          { key, kind: ESCALATION_JOBS.pageStep, subjectType: 'conversation', subjectId: data.conversationId, dueAt: step.dueAt, payload: { personIds } },
          now,
        )
        if (!claimed) continue
        claimedAny = true
        paged.push({ step, personIds, cardIds: await pageCards(trx, deps, data.conversationId, step, personIds) })
        await deps.onPing?.(trx, { kind: 'page', conversationId: data.conversationId, at: step.dueAt.toISOString(), personIds, step: step.index })
      }
    }
    if (!state.done && state.nextDueAt) {
      await deps.sendJob(ESCALATION_JOBS.pageStep, data, {
        trx,
        startAfter: state.nextDueAt,
        singletonKey: `${pageKey(data.conversationId, pagedAt)}@${state.nextDueAt.getTime()}`,
      })
    }
    if (claimedAny) {
      deps.logger.info({ conversationId: data.conversationId, steps: paged.map((p) => p.step.index), people: paged.flatMap((p) => p.personIds) }, 'on-call paged')
      return { outcome: 'paged', paged }
    }
    if (state.send) return { outcome: 'already-paged', paged: [] }
    return { outcome: state.done ? 'exhausted' : 'waiting', paged: [] }
  })
}

async function pageChain(trx: Transaction<Database>, deps: EscalationDeps, conversationId: string, pagedAt: Date): Promise<EscalationChain> {
  const page = await findTimer(trx, pageKey(conversationId, pagedAt))
  const snapshot = chainSnapshot.safeParse(page?.payload)
  return snapshot.success ? snapshot.data : escalationChain(deps.settings.oncall)
}

/** Whom a step pages, resolved at its due time; nobody on call falls back to the managers. */
function recipientsOf(deps: EscalationDeps, step: ChainStep): string[] {
  const { settings } = deps
  const directory = { schedule: settings.oncall, people: settings.people, managers: settings.escalation.managers }
  const ids = stepRecipients(step, directory)
  return ids.length > 0 ? ids : stepRecipients({ notify: 'managers', dueAt: step.dueAt }, directory)
}

async function pageCards(trx: Transaction<Database>, deps: EscalationDeps, conversationId: string, step: ChainStep, personIds: readonly string[]): Promise<string[]> {
  const { settings } = deps
  const persons = personIds.flatMap((id) => settings.people.filter((person) => person.id === id))
  const dmPlatforms = step.notify === 'managers' ? settings.escalation.dmPlatforms : undefined
  const targets = recipientTargets(directRecipients(persons, { platforms: dmPlatforms, ...(settings.uiLanguage ? { uiLanguage: settings.uiLanguage } : {}) }), settings.platforms)
  if (targets.length === 0) deps.logger.warn({ conversationId, step: step.index }, 'page step has nobody reachable on a configured platform')
  // A person paged again (a later round) gets the same DM card bumped, with the note in its thread.
  const note = step.index === 0 ? null : { en: `Still not acknowledged: page ${step.index + 1}.`, zh: `仍未确认：第 ${step.index + 1} 次呼叫。` }
  const cardIds = await planAndSync(trx, deps, conversationId, targets, 'oncall', note)
  // The agent and manager cards name everyone paged so far.
  if (cardIds.length > 0) await refreshCards(trx, deps, conversationId, null, ['agent', 'manager'])
  return cardIds
}
