import type { DbOrTrx } from '../schema.ts'

export async function readSetting(db: DbOrTrx, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
  return row?.value
}

export async function writeSetting(db: DbOrTrx, key: string, value: unknown, updatedBy: string): Promise<void> {
  const json = JSON.stringify(value)
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_by: updatedBy })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_by: updatedBy, updated_at: new Date() }))
    .execute()
}
