import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseDocument } from 'yaml'
import type { z } from 'zod'
import { AppError } from './domain/errors.ts'
import { marketplaceById, type SpapiRegion } from './domain/marketplaces.ts'
import type { UiLanguage } from './domain/vocabulary.ts'
import { ENV_GROUPS, envSchema, isCredentialUrlKey, isSecretKey, type Env } from './config/env.ts'
import { fileConfigSchema, type FileConfig } from './config/file.ts'

// The one place that reads process.env (main and the CLI pass it in) and the config file.

export type DatabaseConfig = { kind: 'embedded'; dataDir: string } | { kind: 'postgres'; url: string }

export interface StoreConfig {
  id: string
  name: string
  region: SpapiRegion | null
  marketplaces: string[]
  credentials: { lwaClientId: string; lwaClientSecret: string; refreshToken: string } | null
  mailbox: string | null
  listenOnly: boolean
}

export interface Config {
  port: number
  host: string
  logLevel: Env['LOG_LEVEL']
  adminToken: string | null
  consolePassword: string | null
  database: DatabaseConfig
  demo: { enabled: boolean; reason: string }
  inboundEmail: { token: string | null; maxBytes: number }
  smtp: { url: string; from: string } | null
  spapi: { endpoint: string | null; lwaEndpoint: string | null }
  slack: {
    botToken: string
    signingSecret: string | null
    channel: string
    apiUrl: string | null
    appToken: string | null
  } | null
  feishu: {
    appId: string
    appSecret: string
    verificationToken: string | null
    encryptKey: string | null
    chatId: string
    domain: string
    /** `webhook`: callbacks to POST /feishu/events; `long-connection`: the SDK's WSClient, no public URL. */
    connection: 'webhook' | 'long-connection'
    uiLanguage: UiLanguage
  } | null
  dingtalk: {
    appKey: string
    appSecret: string
    robotCode: string
    conversationId: string
    cardTemplateId: string
    apiUrl: string | null
  } | null
  stores: StoreConfig[]
  file: FileConfig
  configPath: string | null
}

export class ConfigError extends AppError {
  readonly problems: string[]
  constructor(problems: string[]) {
    super('CONFIG_INVALID', `invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`, { problems })
    this.problems = problems
  }
}

type EnvSource = Record<string, string | undefined>

export function loadConfig(env: EnvSource, options: { cwd?: string } = {}): Config {
  const problems: string[] = []
  const parsedEnv = envSchema.safeParse(env, { reportInput: true })
  if (!parsedEnv.success) problems.push(...formatIssues(parsedEnv.error.issues, ''))

  const configPath = env.BUYERBRIDGE_CONFIG?.trim() ? path.resolve(options.cwd ?? '.', env.BUYERBRIDGE_CONFIG.trim()) : null
  let file: FileConfig = fileConfigSchema.parse({})
  if (configPath) {
    const loaded = loadFile(configPath, env)
    problems.push(...loaded.problems)
    if (loaded.config) file = loaded.config
  }
  if (!parsedEnv.success || problems.length > 0) throw new ConfigError(problems)

  const e = parsedEnv.data
  problems.push(...checkGroups(e), ...checkFeishuConnection(e, file))
  if (problems.length > 0) throw new ConfigError(problems)
  return assemble(e, file, configPath)
}

function loadFile(configPath: string, env: EnvSource): { config: FileConfig | null; problems: string[] } {
  let text: string
  try {
    text = readFileSync(configPath, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message
    return { config: null, problems: [`BUYERBRIDGE_CONFIG: expected a readable YAML file, found ${configPath} (${reason})`] }
  }
  const doc = parseDocument(text, { prettyErrors: true })
  if (doc.errors.length > 0) {
    return {
      config: null,
      problems: doc.errors.map((err) => {
        const at = err.linePos?.[0]
        return `${path.basename(configPath)}${at ? `:${at.line}:${at.col}` : ''}: expected valid YAML, found ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`
      }),
    }
  }
  const problems: string[] = []
  const substituted = substituteEnv(doc.toJS() ?? {}, env, '', problems, path.basename(configPath))
  const parsed = fileConfigSchema.safeParse(substituted, { reportInput: true })
  if (!parsed.success) problems.push(...formatIssues(parsed.error.issues, `${path.basename(configPath)}: `))
  return { config: parsed.success && problems.length === 0 ? parsed.data : null, problems }
}

/** Replaces `${NAME}` in string values with the environment variable, so secrets can stay out of the file. */
function substituteEnv(value: unknown, env: EnvSource, at: string, problems: string[], file: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z0-9_]+)\}/g, (_match, name: string) => {
      const found = env[name]
      if (found === undefined) {
        problems.push(`${file}: ${at}: expected environment variable ${name} to be set, found it unset`)
        return _match
      }
      return found
    })
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteEnv(v, env, `${at}[${i}]`, problems, file))
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substituteEnv(v, env, at ? `${at}.${k}` : k, problems, file)]),
    )
  }
  return value
}

function formatIssues(issues: z.core.$ZodIssue[], prefix: string): string[] {
  return issues.map((issue) => {
    const key = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[')
    const lastKey = String(issue.path.findLast((p) => typeof p === 'string') ?? key)
    const expected = describeExpected(issue)
    const found = describeFound(issue, lastKey)
    return `${prefix}${key || '(root)'}: ${expected}, found ${found}`
  })
}

function describeExpected(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `expected no key ${issue.keys.map((k) => `"${k}"`).join(', ')} here (unknown setting)`
  const message = issue.message.replace(/^(Too small|Too big|Invalid input|Invalid option|Invalid string|Invalid format): /i, '')
  if (message.startsWith('expected')) return message.replace(/, received .*$/i, '')
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`
  return `expected ${message.charAt(0).toLowerCase()}${message.slice(1)}`
}

function describeFound(issue: z.core.$ZodIssue, key: string): string {
  if (issue.code === 'unrecognized_keys') return 'it in the file'
  if (!('input' in issue) || issue.input === undefined) return 'nothing'
  const input = issue.input
  if (isSecretKey(key)) return `a value of ${String(input).length} characters (not shown)`
  if (typeof input === 'string') {
    const shown = isCredentialUrlKey(key) ? maskUrlPassword(input) : input
    return JSON.stringify(shown.length > 80 ? `${shown.slice(0, 77)}...` : shown)
  }
  if (input === null) return 'null'
  if (Array.isArray(input)) return `a list of ${input.length}`
  if (typeof input === 'object') return 'an object'
  return String(input)
}

export function maskUrlPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@')
}

function checkGroups(e: Env): string[] {
  const problems: string[] = []
  for (const group of ENV_GROUPS) {
    if (!group.keys.some((k) => isSet(e[k]))) continue
    const setKey = group.keys.find((k) => isSet(e[k]))!
    for (const required of group.requires) {
      if (!isSet(e[required])) {
        problems.push(`${required}: expected to be set because ${setKey} is set (${group.name}), found nothing`)
      }
    }
  }
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    problems.push('SLACK_SIGNING_SECRET: expected to be set (or SLACK_APP_TOKEN for Socket Mode) because SLACK_BOT_TOKEN is set, found nothing')
  }
  return [...new Set(problems)]
}

function checkFeishuConnection(e: Env, file: FileConfig): string[] {
  if (!e.FEISHU_APP_ID) return []
  const connection = file.feishu.connection ?? (e.FEISHU_VERIFICATION_TOKEN ? 'webhook' : 'long-connection')
  if (connection === 'webhook' && !e.FEISHU_VERIFICATION_TOKEN) {
    return ['FEISHU_VERIFICATION_TOKEN: expected to be set because feishu.connection is webhook in the config file, found nothing']
  }
  // The SDK's WSClient refuses to start (silently) with any other app id.
  if (connection === 'long-connection' && !/^cli_[0-9a-f]{16}$/i.test(e.FEISHU_APP_ID)) {
    return [`FEISHU_APP_ID: expected cli_ followed by 16 hex digits for the long connection (or set FEISHU_VERIFICATION_TOKEN for webhooks), found ${JSON.stringify(e.FEISHU_APP_ID)}`]
  }
  return []
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)
}

function assemble(e: Env, file: FileConfig, configPath: string | null): Config {
  const stores = resolveStores(e, file)
  const hasSource =
    Boolean(e.IMAP_URL || e.INBOUND_EMAIL_TOKEN) || stores.some((s) => s.credentials !== null || s.mailbox !== null)
  const demo = e.DEMO
    ? { enabled: true, reason: 'DEMO=1 is set' }
    : hasSource
      ? { enabled: false, reason: 'a marketplace source is configured' }
      : { enabled: true, reason: 'no marketplace source is configured (IMAP_URL, INBOUND_EMAIL_TOKEN or SP-API credentials)' }
  if (demo.enabled && stores.length === 0) stores.push(DEMO_STORE)
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    adminToken: e.ADMIN_TOKEN ?? null,
    consolePassword: e.CONSOLE_PASSWORD ?? null,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'embedded', dataDir: path.resolve(e.DATA_DIR) },
    demo,
    inboundEmail: { token: e.INBOUND_EMAIL_TOKEN ?? null, maxBytes: e.INBOUND_EMAIL_MAX_BYTES },
    smtp: e.SMTP_URL && e.SMTP_FROM ? { url: e.SMTP_URL, from: e.SMTP_FROM } : null,
    spapi: { endpoint: e.SPAPI_ENDPOINT ?? null, lwaEndpoint: e.LWA_ENDPOINT ?? null },
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET ?? null,
          channel: e.SLACK_CHANNEL!,
          apiUrl: e.SLACK_API_URL ?? null,
          appToken: e.SLACK_APP_TOKEN ?? null,
        }
      : null,
    feishu: e.FEISHU_APP_ID
      ? {
          appId: e.FEISHU_APP_ID,
          appSecret: e.FEISHU_APP_SECRET!,
          verificationToken: e.FEISHU_VERIFICATION_TOKEN ?? null,
          encryptKey: e.FEISHU_ENCRYPT_KEY ?? null,
          chatId: e.FEISHU_CHAT_ID!,
          domain: e.FEISHU_DOMAIN,
          connection: file.feishu.connection ?? (e.FEISHU_VERIFICATION_TOKEN ? 'webhook' : 'long-connection'),
          uiLanguage: file.feishu.uiLanguage,
        }
      : null,
    dingtalk: e.DINGTALK_APP_KEY
      ? {
          appKey: e.DINGTALK_APP_KEY,
          appSecret: e.DINGTALK_APP_SECRET!,
          robotCode: e.DINGTALK_ROBOT_CODE!,
          conversationId: e.DINGTALK_CONVERSATION_ID!,
          cardTemplateId: e.DINGTALK_CARD_TEMPLATE_ID!,
          apiUrl: e.DINGTALK_API_URL ?? null,
        }
      : null,
    stores,
    file,
    configPath,
  }
}

export const DEMO_STORE: StoreConfig = {
  id: 'demo',
  name: 'Demo store',
  region: null,
  marketplaces: ['US', 'UK', 'DE', 'FR', 'IT', 'ES', 'JP'],
  credentials: null,
  mailbox: null,
  listenOnly: false,
}

/** Stores from the file; the SP-API/IMAP variables describe one more store, `default`, when set. */
function resolveStores(e: Env, file: FileConfig): StoreConfig[] {
  const stores: StoreConfig[] = file.stores.map((s) => ({
    id: s.id,
    name: s.name,
    region: s.region ?? null,
    marketplaces: s.marketplaces,
    credentials: s.credentials ?? null,
    mailbox: s.mailbox ?? null,
    listenOnly: s.listenOnly,
  }))
  const envHasStore = e.LWA_CLIENT_ID || e.IMAP_URL || e.INBOUND_EMAIL_TOKEN
  if (envHasStore && !stores.some((s) => s.id === 'default')) {
    stores.unshift({
      id: 'default',
      name: 'Default store',
      region: e.SPAPI_REGION ?? null,
      marketplaces: e.SPAPI_MARKETPLACE_IDS.map((id) => marketplaceById(id)!.code),
      credentials:
        e.LWA_CLIENT_ID && e.LWA_CLIENT_SECRET && e.SPAPI_REFRESH_TOKEN
          ? { lwaClientId: e.LWA_CLIENT_ID, lwaClientSecret: e.LWA_CLIENT_SECRET, refreshToken: e.SPAPI_REFRESH_TOKEN }
          : null,
      mailbox: e.IMAP_URL ?? null,
      listenOnly: false,
    })
  }
  return stores
}
