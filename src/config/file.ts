import { z } from 'zod'
import { marketplaceByCode } from '../domain/marketplaces.ts'
import { INTENTS, PLATFORMS, RISK_FLAGS, UI_LANGUAGES } from '../domain/vocabulary.ts'

// The structured part of the configuration: the optional YAML file named by BUYERBRIDGE_CONFIG.

const id = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, 'expected an id of letters, digits, dot, dash or underscore')

const marketplaceCode = z
  .string()
  .refine((code) => marketplaceByCode(code) !== undefined, 'expected a marketplace country code such as US, DE, JP')
  .transform((code) => marketplaceByCode(code)!.code)

const riskFlag = z.enum(RISK_FLAGS, { message: `expected one of ${RISK_FLAGS.join(', ')}` })
const intent = z.enum(INTENTS, { message: `expected one of ${INTENTS.join(', ')}` })
const platform = z.enum(PLATFORMS, { message: `expected one of ${PLATFORMS.join(', ')}` })
const uiLanguage = z.enum(UI_LANGUAGES, { message: 'expected en or zh-CN' })
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM (24-hour)')

const storeSchema = z.strictObject({
  id,
  name: z.string().min(1, 'expected a display name'),
  region: z.enum(['na', 'eu', 'fe'], { message: 'expected na, eu or fe' }).optional(),
  marketplaces: z.array(marketplaceCode).min(1, 'expected at least one marketplace').default(['US']),
  /** SP-API credentials of this seller account; `${ENV_VAR}` references are resolved from the environment. */
  credentials: z
    .strictObject({
      lwaClientId: z.string().min(1),
      lwaClientSecret: z.string().min(1),
      refreshToken: z.string().min(1),
    })
    .optional(),
  mailbox: z
    .string()
    .refine((s) => URL.canParse(s) && /^imaps?:$/.test(new URL(s).protocol), 'expected an imap:// or imaps:// URL')
    .optional(),
  /** Cards, classification and escalations work, but nothing is sent to buyers. */
  listenOnly: z.boolean().default(false),
})

const personSchema = z.strictObject({
  id,
  name: z.string().min(1, 'expected a name'),
  roles: z.array(z.enum(['agent', 'manager', 'oncall'], { message: 'expected agent, manager or oncall' })).min(1),
  slack: z.string().optional(),
  feishu: z.string().optional(),
  dingtalk: z.string().optional(),
  console: z.string().optional(),
})

const targetSchema = z.strictObject({
  platform,
  channel: z.string().min(1, 'expected a channel or group id'),
  uiLanguage: uiLanguage.optional(),
})

const routeSchema = z.strictObject({
  name: z.string().optional(),
  match: z
    .strictObject({
      stores: z.array(id).optional(),
      marketplaces: z.array(marketplaceCode).optional(),
      intents: z.array(intent).optional(),
      languages: z.array(z.string()).optional(),
      riskFlags: z.array(riskFlag).optional(),
      minRiskScore: z.number().min(0).max(100).optional(),
    })
    .default({}),
  targets: z.array(targetSchema).min(1, 'expected at least one target'),
})

const weeklySchema = z.strictObject({
  mon: z.array(z.strictObject({ start: hhmm, end: hhmm })).default([]),
  tue: z.array(z.strictObject({ start: hhmm, end: hhmm })).default([]),
  wed: z.array(z.strictObject({ start: hhmm, end: hhmm })).default([]),
  thu: z.array(z.strictObject({ start: hhmm, end: hhmm })).default([]),
  fri: z.array(z.strictObject({ start: hhmm, end: hhmm })).default([]),
  sat: z.array(z.strictObject({ start: hhmm, end: hhmm })).default([]),
  sun: z.array(z.strictObject({ start: hhmm, end: hhmm })).default([]),
})

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}, 'expected an IANA time zone such as Asia/Shanghai')

const businessHoursSchema = z.strictObject({
  timeZone,
  weekly: weeklySchema,
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')).default([]),
})

const onCallSchema = z.strictObject({
  timeZone: timeZone.optional(),
  rotation: z.array(id).default([]),
  handoff: hhmm.default('09:00'),
  rotationDays: z.number().int().positive().default(7),
  overrides: z
    .array(z.strictObject({ person: id, from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }))
    .default([]),
  chain: z
    .array(
      z.strictObject({
        notify: z.union([z.enum(['current', 'next', 'managers']), id]),
        waitMinutes: z.number().int().positive().default(10),
      }),
    )
    .default([]),
  repeat: z.number().int().min(0).default(1),
})

export const fileConfigSchema = z.strictObject({
  stores: z.array(storeSchema).default([]),
  people: z.array(personSchema).default([]),
  routing: z.array(routeSchema).default([]),
  escalation: z
    .strictObject({
      minRiskScore: z.number().min(0).max(100).default(70),
      flags: z.array(riskFlag).default(['a-to-z', 'chargeback', 'legal-threat', 'safety', 'counterfeit']),
      targets: z.array(targetSchema).default([]),
      renotifyMinutes: z.number().int().positive().default(30),
    })
    .default({ minRiskScore: 70, flags: ['a-to-z', 'chargeback', 'legal-threat', 'safety', 'counterfeit'], targets: [], renotifyMinutes: 30 }),
  businessHours: z.record(id, businessHoursSchema).default({}),
  oncall: onCallSchema.optional(),
  keywords: z.partialRecord(riskFlag, z.array(z.string().min(2))).default({}),
  sla: z
    .strictObject({ reminderOffsetsMinutes: z.array(z.number().int().positive()).default([360, 60]) })
    .default({ reminderOffsetsMinutes: [360, 60] }),
  sending: z
    .strictObject({
      /** Queued and new sends wait until resumed; the admin API can flip it at run time. */
      paused: z.boolean().default(false),
      approval: z
        .strictObject({
          agents: z.array(id).default([]),
          templates: z.array(z.string()).default([]),
          minRiskScore: z.number().min(0).max(100).optional(),
        })
        .default({ agents: [], templates: [] }),
    })
    .default({ paused: false, approval: { agents: [], templates: [] } }),
  accountHealth: z
    .strictObject({
      // createReport allows about one request a minute per seller; hourly is the floor we accept.
      intervalHours: z.number().int().min(1, 'expected at least 1 (hour)').max(168).default(6),
    })
    .default({ intervalHours: 6 }),
  attachments: z
    .strictObject({ maxStoredBytes: z.number().int().min(0).default(5 * 1024 * 1024) })
    .default({ maxStoredBytes: 5 * 1024 * 1024 }),
})

export type FileConfig = z.infer<typeof fileConfigSchema>
