import net from 'node:net'
import { CARD_CALLBACK_TOPIC, DingtalkAccessToken, openStreamConnection } from '../../adapters/dingtalk/index.ts'
import type { Config } from '../config.ts'
import { maskUrlPassword } from '../config.ts'
import { openDatabase } from '../db/connect.ts'
import { pendingMigrations } from '../db/migrate.ts'
import type { Logger } from '../logging.ts'

export interface CheckResult {
  name: string
  ok: boolean
  detail: string
}

export interface DoctorCheck {
  name: string
  run(): Promise<string>
}

const TIMEOUT_MS = 5_000

/** Every check the configuration calls for: the database first, then each configured integration. */
export function doctorChecks(config: Config, logger: Logger): DoctorCheck[] {
  const checks: DoctorCheck[] = [
    {
      name: 'database',
      run: async () => {
        const handle = await openDatabase(config.database, logger)
        try {
          await handle.ping()
          const pending = await pendingMigrations(handle.db)
          if (pending.length > 0) throw new Error(`migrations pending: ${pending.join(', ')} (run: buyerbridge migrate)`)
          return config.database.kind === 'postgres' ? `PostgreSQL ${maskUrlPassword(config.database.url)}, migrations current` : `embedded in ${config.database.dataDir}, migrations current`
        } finally {
          await handle.close()
        }
      },
    },
  ]
  for (const store of config.stores) {
    if (store.mailbox) checks.push(tcpCheck(`imap:${store.id}`, store.mailbox, 143, 993))
  }
  if (config.smtp) checks.push(tcpCheck('smtp', config.smtp.url, 25, 465))
  if (config.stores.some((s) => s.credentials)) {
    checks.push(tcpCheck('sp-api:lwa', config.spapi.lwaEndpoint ?? 'https://api.amazon.com/auth/o2/token', 80, 443))
  }
  if (config.slack) checks.push(tcpCheck('slack', config.slack.apiUrl ?? 'https://slack.com/api/', 80, 443))
  if (config.feishu) {
    const base = config.feishu.domain === 'feishu' ? 'https://open.feishu.cn' : config.feishu.domain === 'lark' ? 'https://open.larksuite.com' : config.feishu.domain
    checks.push(tcpCheck('feishu', base, 80, 443))
  }
  if (config.dingtalk) checks.push(...dingtalkChecks(config.dingtalk))
  // Reachability only: a test message would land in the group.
  for (const robot of config.file.dingtalk.robots) checks.push(tcpCheck(`dingtalk:robot:${robot.id}`, robot.webhook, 80, 443))
  return checks
}

/** DingTalk with the configured app: an access token is issued, and the Stream gateway opens a connection. */
function dingtalkChecks(dingtalk: NonNullable<Config['dingtalk']>): DoctorCheck[] {
  const app = { appKey: dingtalk.appKey, appSecret: dingtalk.appSecret, ...(dingtalk.apiUrl ? { apiBaseUrl: dingtalk.apiUrl } : {}) }
  return [
    {
      name: 'dingtalk:token',
      run: async () => {
        await new DingtalkAccessToken({ ...app, requestTimeoutMs: TIMEOUT_MS }).get()
        return 'access token issued for the app key'
      },
    },
    {
      name: 'dingtalk:stream',
      run: async () => {
        // The ticket is single-use and simply left unused; no socket is opened.
        const socketUrl = new URL(await openStreamConnection({ ...app, topics: [CARD_CALLBACK_TOPIC], timeoutMs: TIMEOUT_MS }))
        return `gateway connection opened (endpoint ${socketUrl.host})`
      },
    },
  ]
}

/** Reachability of the integration's host and port (the adapters add authenticated checks of their own). */
function tcpCheck(name: string, url: string, plainPort: number, tlsPort: number): DoctorCheck {
  return {
    name,
    run: async () => {
      const parsed = new URL(url)
      const secure = /^(https|imaps|smtps):$/.test(parsed.protocol)
      const port = parsed.port ? Number(parsed.port) : secure ? tlsPort : plainPort
      await new Promise<void>((resolve, reject) => {
        const socket = net.connect({ host: parsed.hostname, port, timeout: TIMEOUT_MS })
        socket.once('connect', () => {
          socket.destroy()
          resolve()
        })
        socket.once('timeout', () => {
          socket.destroy()
          reject(new Error(`no answer from ${parsed.hostname}:${port} within ${TIMEOUT_MS} ms`))
        })
        socket.once('error', (error) => reject(new Error(`${(error as NodeJS.ErrnoException).code ?? error.message} ${parsed.hostname}:${port}`)))
      })
      return `${parsed.hostname}:${port} reachable`
    },
  }
}

export async function runChecks(checks: DoctorCheck[]): Promise<CheckResult[]> {
  const results: CheckResult[] = []
  for (const check of checks) {
    try {
      results.push({ name: check.name, ok: true, detail: await check.run() })
    } catch (error) {
      results.push({ name: check.name, ok: false, detail: (error as Error).message })
    }
  }
  return results
}

export function formatTable(results: CheckResult[]): string {
  const width = Math.max(5, ...results.map((r) => r.name.length))
  const lines = [`${'CHECK'.padEnd(width)}  STATUS  DETAIL`]
  for (const r of results) lines.push(`${r.name.padEnd(width)}  ${(r.ok ? 'OK' : 'FAIL').padEnd(6)}  ${r.detail}`)
  return `${lines.join('\n')}\n`
}
