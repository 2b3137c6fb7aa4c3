import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { routeAlert } from '../../domain/routing/index.ts'
import { SYNC_CARD_JOB } from '../../jobs/card-jobs.ts'
import { recipientTargets } from './notify.ts'
import type { EscalationDeps } from './settings.ts'

/**
 * Account-health alerts (`alerts` rows) to the managers' route as alert cards: manager channels always,
 * manager DMs for critical alerts (see `routeAlert`). One card per alert × platform × channel, so calling
 * this twice for the same alert plans nothing new. Returns the ids of the cards it created.
 */
export async function planAlertCards(trx: Transaction<Database>, deps: EscalationDeps, alertIds: readonly string[]): Promise<string[]> {
  const { settings } = deps
  const created: string[] = []
  for (const alertId of alertIds) {
    const alert = await trx.selectFrom('alerts').select(['id', 'severity']).where('id', '=', alertId).executeTakeFirst()
    if (!alert) continue
    const severity = alert.severity === 'critical' ? 'critical' : 'warning'
    const recipients = routeAlert(settings.escalation, settings.people, { severity }, settings.uiLanguage ?? 'en')
    for (const target of recipientTargets(recipients, settings.platforms)) {
      const row = await trx
        .insertInto('cards')
        .values({ alert_id: alert.id, kind: 'alert', platform: target.platform, channel: target.channel, ui_language: target.uiLanguage, version: 1 })
        .onConflict((oc) => oc.columns(['alert_id', 'platform', 'channel']).where('alert_id', 'is not', null).doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!row) continue
      await deps.sendJob(SYNC_CARD_JOB, { cardId: row.id, note: null }, { trx })
      created.push(row.id)
    }
  }
  return created
}
