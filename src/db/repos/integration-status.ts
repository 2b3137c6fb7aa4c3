import type { Selectable } from 'kysely'
import type { DbOrTrx } from '../schema.ts'
import type { IntegrationState, IntegrationStatusTable } from '../tables/integration-status.ts'

export type IntegrationStatusRow = Selectable<IntegrationStatusTable>

/** Records the outcome of an integration's latest attempt (success clears nothing of the last failure). */
export async function recordIntegrationStatus(
  db: DbOrTrx,
  name: string,
  update: { state: IntegrationState; detail?: string | null; error?: string | null; at: Date },
): Promise<void> {
  const success = update.state === 'ok'
  const failure = update.state === 'failing' || update.state === 'down'
  await db
    .insertInto('integration_status')
    .values({
      name,
      state: update.state,
      detail: update.detail ?? null,
      last_success_at: success ? update.at : null,
      last_failure_at: failure ? update.at : null,
      last_error: failure ? (update.error ?? null) : null,
      updated_at: update.at,
    })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({
        state: update.state,
        detail: update.detail ?? null,
        last_success_at: success ? update.at : eb.ref('integration_status.last_success_at'),
        last_failure_at: failure ? update.at : eb.ref('integration_status.last_failure_at'),
        last_error: failure ? (update.error ?? null) : eb.ref('integration_status.last_error'),
        updated_at: update.at,
      })),
    )
    .execute()
}

export async function listIntegrationStatus(db: DbOrTrx): Promise<IntegrationStatusRow[]> {
  return db.selectFrom('integration_status').selectAll().orderBy('name').execute()
}
