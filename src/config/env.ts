import { z } from 'zod'
import { marketplaceById, marketplaceByCode } from '../domain/marketplaces.ts'

// The operator contract (DESIGN §5): these variable names are fixed.

const optionalString = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string())
  .optional()
  .transform((s) => (s === '' ? undefined : s))

const secret = (minLength: number, what: string) =>
  optionalString.pipe(z.string().min(minLength, `expected ${what} of at least ${minLength} characters`).optional())

const httpUrl = optionalString.pipe(
  z
    .string()
    .refine((s) => /^https?:\/\/[^\s/]+/i.test(s) && URL.canParse(s), 'expected an http:// or https:// URL')
    .optional(),
)

const urlWithScheme = (schemes: string[]) =>
  optionalString.pipe(
    z
      .string()
      .refine(
        (s) => URL.canParse(s) && schemes.includes(new URL(s).protocol.replace(/:$/, '')),
        `expected a ${schemes.map((s) => `${s}://`).join(' or ')} URL`,
      )
      .optional(),
  )

const flag = optionalString.pipe(
  z
    .enum(['0', '1', 'true', 'false', 'yes', 'no'], { message: 'expected 1 or 0 (or true/false)' })
    .optional()
    .transform((v) => v === '1' || v === 'true' || v === 'yes'),
)

const integer = (min: number, max: number, fallback: number) =>
  optionalString.transform((value, ctx) => {
    if (value === undefined) return fallback
    const n = Number(value)
    if (!/^\d+$/.test(value) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `expected an integer from ${min} to ${max}` })
      return z.NEVER
    }
    return n
  })

/** `ATVPDKIKX0DER,A1PA6795UKMFR9` or country codes `US,DE`; normalised to marketplace ids. */
const marketplaceList = optionalString.transform((value, ctx) => {
  if (value === undefined) return [] as string[]
  const ids: string[] = []
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const mp = marketplaceById(part) ?? marketplaceByCode(part)
    if (!mp) {
      ctx.addIssue({ code: 'custom', message: `expected marketplace ids or country codes, "${part}" is neither` })
      return z.NEVER
    }
    ids.push(mp.id)
  }
  return ids
})

export const envSchema = z.object({
  PORT: integer(0, 65535, 3000),
  HOST: optionalString.pipe(z.string().default('0.0.0.0')),
  LOG_LEVEL: optionalString.pipe(
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'expected one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  ),
  ADMIN_TOKEN: secret(16, 'a random token'),
  DATABASE_URL: urlWithScheme(['postgres', 'postgresql']),
  DATA_DIR: optionalString.pipe(z.string().default('./data')),
  BUYERBRIDGE_CONFIG: optionalString,
  DEMO: flag,
  CONSOLE_PASSWORD: secret(8, 'a password'),
  INBOUND_EMAIL_TOKEN: secret(16, 'a random token'),
  INBOUND_EMAIL_MAX_BYTES: integer(1024, 1024 ** 3, 10 * 1024 * 1024),
  IMAP_URL: urlWithScheme(['imap', 'imaps']),
  SMTP_URL: urlWithScheme(['smtp', 'smtps']),
  SMTP_FROM: optionalString.pipe(z.email({ message: 'expected an e-mail address' }).optional()),
  LWA_CLIENT_ID: optionalString,
  LWA_CLIENT_SECRET: secret(1, 'a client secret'),
  SPAPI_REFRESH_TOKEN: secret(1, 'a refresh token'),
  SPAPI_REGION: optionalString.pipe(z.enum(['na', 'eu', 'fe'], { message: 'expected na, eu or fe' }).optional()),
  SPAPI_ENDPOINT: httpUrl,
  LWA_ENDPOINT: httpUrl,
  SPAPI_MARKETPLACE_IDS: marketplaceList,
  SLACK_BOT_TOKEN: optionalString.pipe(
    z.string().startsWith('xoxb-', 'expected a bot token starting with xoxb-').optional(),
  ),
  SLACK_SIGNING_SECRET: secret(16, 'a signing secret'),
  SLACK_CHANNEL: optionalString,
  SLACK_API_URL: httpUrl,
  SLACK_APP_TOKEN: optionalString.pipe(
    z.string().startsWith('xapp-', 'expected an app-level token starting with xapp-').optional(),
  ),
  FEISHU_APP_ID: optionalString,
  FEISHU_APP_SECRET: secret(1, 'an app secret'),
  FEISHU_VERIFICATION_TOKEN: secret(1, 'a verification token'),
  FEISHU_ENCRYPT_KEY: secret(1, 'an encrypt key'),
  FEISHU_CHAT_ID: optionalString,
  FEISHU_DOMAIN: optionalString.pipe(
    z
      .string()
      .refine((s) => s === 'feishu' || s === 'lark' || /^https?:\/\//.test(s), 'expected feishu, lark or a base URL')
      .default('feishu'),
  ),
  DINGTALK_APP_KEY: optionalString,
  DINGTALK_APP_SECRET: secret(1, 'an app secret'),
  DINGTALK_ROBOT_CODE: optionalString,
  DINGTALK_CONVERSATION_ID: optionalString,
  DINGTALK_CARD_TEMPLATE_ID: optionalString,
  DINGTALK_API_URL: httpUrl,
})

export type Env = z.infer<typeof envSchema>

/** Variables that must appear together: when one of a group is set, the rest are required. */
export const ENV_GROUPS: { name: string; keys: (keyof Env)[]; requires: (keyof Env)[] }[] = [
  {
    name: 'SP-API',
    keys: ['LWA_CLIENT_ID', 'LWA_CLIENT_SECRET', 'SPAPI_REFRESH_TOKEN'],
    requires: ['LWA_CLIENT_ID', 'LWA_CLIENT_SECRET', 'SPAPI_REFRESH_TOKEN', 'SPAPI_REGION', 'SPAPI_MARKETPLACE_IDS'],
  },
  { name: 'SMTP', keys: ['SMTP_URL', 'SMTP_FROM'], requires: ['SMTP_URL', 'SMTP_FROM'] },
  { name: 'Slack', keys: ['SLACK_BOT_TOKEN'], requires: ['SLACK_BOT_TOKEN', 'SLACK_CHANNEL'] },
  { name: 'Slack', keys: ['SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'], requires: ['SLACK_BOT_TOKEN'] },
  {
    name: 'Feishu',
    keys: ['FEISHU_APP_ID', 'FEISHU_APP_SECRET'],
    requires: ['FEISHU_APP_ID', 'FEISHU_APP_SECRET', 'FEISHU_CHAT_ID'],
  },
  {
    name: 'DingTalk',
    keys: ['DINGTALK_APP_KEY', 'DINGTALK_APP_SECRET'],
    requires: [
      'DINGTALK_APP_KEY',
      'DINGTALK_APP_SECRET',
      'DINGTALK_ROBOT_CODE',
      'DINGTALK_CONVERSATION_ID',
      'DINGTALK_CARD_TEMPLATE_ID',
    ],
  },
]

/** Keys whose values are never printed, not even in an error message. */
export function isSecretKey(key: string): boolean {
  return /TOKEN|SECRET|PASSWORD|ENCRYPT_KEY|APP_KEY|credentials|refreshToken|clientSecret|password|webhook/i.test(key)
}

/** Keys holding URLs that may carry a password (`scheme://user:pass@host`). */
export function isCredentialUrlKey(key: string): boolean {
  return /(^|\.)(DATABASE_URL|IMAP_URL|SMTP_URL|mailbox)$/i.test(key)
}
