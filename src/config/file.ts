import { z } from 'zod'
import { marketplaceByCode } from '../domain/marketplaces.ts'
import { businessHoursSchema } from '../domain/business-hours.ts'
import { dingtalkFileSchema } from './dingtalk-file.ts'
import { escalationPolicySchema, onCallSchema, personSchema, routingSchema, targetSchema } from '../domain/routing/config-schema.ts'
import { RISK_FLAGS, UI_LANGUAGES } from '../domain/vocabulary.ts'

// The structured part of the configuration: the optional YAML file named by BUYERBRIDGE_CONFIG.

const id = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, 'expected an id of letters, digits, dot, dash or underscore')

const marketplaceCode = z
  .string()
  .refine((code) => marketplaceByCode(code) !== undefined, 'expected a marketplace country code such as US, DE, JP')
  .transform((code) => marketplaceByCode(code)!.code)

const riskFlag = z.enum(RISK_FLAGS, { message: `expected one of ${RISK_FLAGS.join(', ')}` })

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

export const fileConfigSchema = z.strictObject({
  stores: z.array(storeSchema).default([]),
  people: z.array(personSchema).default([]),
  routing: routingSchema.default({ rules: [], defaultTargets: [] }),
  escalation: escalationPolicySchema.default(() => escalationPolicySchema.parse({})),
  /** Teams: their hours, and the channels that make a conversation theirs. */
  businessHours: z.record(id, businessHoursSchema.extend({ channels: z.array(targetSchema).default([]) })).default({}),
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
  /** Feishu/Lark: how callbacks arrive (default: webhook when FEISHU_VERIFICATION_TOKEN is set) and the UI language. */
  feishu: z
    .strictObject({
      connection: z.enum(['webhook', 'long-connection'], { message: 'expected webhook or long-connection' }).optional(),
      uiLanguage: z.enum(UI_LANGUAGES, { message: 'expected en or zh-CN' }).default('zh-CN'),
    })
    .default({ uiLanguage: 'zh-CN' }),
  /** DingTalk custom group robots for escalation pings. */
  dingtalk: dingtalkFileSchema,
  attachments: z
    .strictObject({ maxStoredBytes: z.number().int().min(0).default(5 * 1024 * 1024) })
    .default({ maxStoredBytes: 5 * 1024 * 1024 }),
})

export type FileConfig = z.infer<typeof fileConfigSchema>
