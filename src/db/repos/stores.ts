import type { DbOrTrx } from '../schema.ts'

export interface StoreRecord {
  id: string
  name: string
  region: string | null
  marketplaces: string[]
  listenOnly: boolean
}

/** Makes the stores table match the configuration (stores are never deleted: conversations refer to them). */
export async function upsertStores(db: DbOrTrx, stores: StoreRecord[]): Promise<void> {
  for (const store of stores) {
    await db
      .insertInto('stores')
      .values({ id: store.id, name: store.name, region: store.region, marketplaces: store.marketplaces, listen_only: store.listenOnly })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          name: store.name,
          region: store.region,
          marketplaces: store.marketplaces,
          listen_only: store.listenOnly,
          updated_at: new Date(),
        }),
      )
      .execute()
  }
}

export async function listStores(db: DbOrTrx): Promise<StoreRecord[]> {
  const rows = await db.selectFrom('stores').selectAll().orderBy('id').execute()
  return rows.map((r) => ({ id: r.id, name: r.name, region: r.region, marketplaces: r.marketplaces, listenOnly: r.listen_only }))
}
