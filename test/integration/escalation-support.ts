import { parseBusinessHours } from '../../src/domain/business-hours.ts'
import { parseRoutingConfig, type Person, type TargetConfig } from '../../src/domain/routing/index.ts'
import type { Db } from '../../src/db/schema.ts'
import type { EscalationDeps, EscalationSettings, SendJob, Team } from '../../src/services/escalation/index.ts'
import type { PortLogger } from '../../src/ports/logger.ts'
import { silentLogger } from '../support/database.ts'

export class TestClock {
  current: Date
  constructor(start: string) {
    this.current = new Date(start)
  }
  now = (): Date => new Date(this.current)
  set(at: string | Date): void {
    this.current = new Date(at)
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000)
  }
}

export interface SentJob {
  name: string
  data: Record<string, unknown>
  startAfter: Date | null
  singletonKey: string | null
}

/** Records the jobs a service enqueues (the service tests drive the jobs by hand). */
export function recordingSender(): { sendJob: SendJob; jobs: SentJob[] } {
  const jobs: SentJob[] = []
  const sendJob: SendJob = async (name, data, options) => {
    jobs.push({ name, data: data as Record<string, unknown>, startAfter: options.startAfter ?? null, singletonKey: options.singletonKey ?? null })
    return `job-${jobs.length}`
  }
  return { jobs, sendJob }
}

export const PEOPLE: Person[] = [
  { id: 'li', name: 'Li Wei', roles: ['manager'], slack: 'U_LI', feishu: 'ou_li' },
  { id: 'sam', name: 'Sam', roles: ['manager', 'agent'], slack: 'U_SAM' },
  { id: 'ana', name: 'Ana', roles: ['oncall', 'agent'], slack: 'U_ANA' },
  { id: 'bo', name: 'Bo', roles: ['oncall', 'agent'], slack: 'U_BO' },
  { id: 'cy', name: 'Cy', roles: ['oncall', 'agent'], slack: 'U_CY' },
]

export const WEEKDAYS_9_TO_18 = {
  mon: [{ start: '09:00', end: '18:00' }],
  tue: [{ start: '09:00', end: '18:00' }],
  wed: [{ start: '09:00', end: '18:00' }],
  thu: [{ start: '09:00', end: '18:00' }],
  fri: [{ start: '09:00', end: '18:00' }],
}

export interface SettingsInput {
  routing?: unknown
  escalation?: unknown
  oncall?: unknown
  teams?: { id: string; hours: unknown; channels: TargetConfig[] }[]
  offsets?: number[]
}

export function buildSettings(input: SettingsInput = {}): EscalationSettings {
  const parsed = parseRoutingConfig({
    people: PEOPLE,
    routing: input.routing ?? [],
    escalation: input.escalation ?? { targets: [{ platform: 'slack', channel: 'C_MANAGERS' }], managers: ['li'], renotifyMinutes: 30 },
    ...(input.oncall ? { oncall: input.oncall } : {}),
  })
  const teams: Team[] = (input.teams ?? [{ id: 'us', hours: { timeZone: 'America/Los_Angeles', weekly: WEEKDAYS_9_TO_18 }, channels: [{ platform: 'slack', channel: 'C_US' }] }]).map(
    (team) => ({ id: team.id, hours: parseBusinessHours(team.hours), channels: team.channels }),
  )
  return {
    people: parsed.people,
    routing: parsed.routing,
    defaultTargets: [{ platform: 'slack', channel: 'C_DEFAULT' }],
    escalation: parsed.escalation,
    oncall: parsed.oncall ?? null,
    teams,
    slaReminderOffsetsMinutes: input.offsets ?? [360, 60],
    platforms: ['slack', 'feishu'],
  }
}

export function escalationDeps(db: Db, settings: EscalationSettings, clock: TestClock, sendJob: SendJob, logger: PortLogger = silentLogger): EscalationDeps {
  return { db, settings, sendJob, clock, logger }
}

let storeCreated = false
export async function ensureStore(db: Db): Promise<void> {
  if (storeCreated) return
  await db.insertInto('stores').values({ id: 'acme', name: 'Acme Outdoor', marketplaces: ['US', 'DE'] }).onConflict((oc) => oc.column('id').doNothing()).execute()
  storeCreated = true
}

export interface ConversationInput {
  receivedAt: Date
  marketplace?: string
  intent?: string
  language?: string | null
  riskFlags?: string[]
  riskScore?: number
  store?: string
}

/** A conversation as ingest leaves it: state new, SLA due 24 h after the message, one buyer message. */
export async function insertConversation(db: Db, input: ConversationInput): Promise<string> {
  await ensureStore(db)
  const row = await db
    .insertInto('conversations')
    .values({
      store_id: input.store ?? 'acme',
      buyer_alias: `buyer-${Math.random().toString(36).slice(2, 10)}@marketplace.amazon.com`,
      marketplace: input.marketplace ?? 'US',
      language: input.language === undefined ? 'en' : input.language,
      intent: input.intent ?? 'where-is-my-order',
      risk_flags: input.riskFlags ?? [],
      risk_score: input.riskScore ?? 0,
      sla_due_at: new Date(input.receivedAt.getTime() + 24 * 3_600_000),
      last_message_at: input.receivedAt,
      created_at: input.receivedAt,
      updated_at: input.receivedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function cardsOf(db: Db, conversationId: string) {
  return db.selectFrom('cards').select(['id', 'kind', 'platform', 'channel', 'version']).where('conversation_id', '=', conversationId).orderBy('kind').orderBy('channel').execute()
}
