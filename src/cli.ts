import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { formatTable, doctorChecks, runChecks } from './cli/doctor.ts'
import { openDatabase } from './db/connect.ts'
import { migrateDown, migrateToLatest, pendingMigrations } from './db/migrate.ts'
import { createLogger } from './logging.ts'

const USAGE = `usage: buyerbridge <command>

commands:
  migrate [up|down|status]   apply pending migrations (default), roll back the last one, or list pending ones
  doctor                     validate the configuration and check every configured integration
  help                       this text

The service itself runs with: npm start (or node dist/src/main.js)
`

export interface CliIo {
  env: Record<string, string | undefined>
  out: (text: string) => void
  err: (text: string) => void
}

/** Runs one CLI command and returns the process exit code. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [command = 'help', sub] = args
  if (command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE)
    return 0
  }
  let config: Config
  try {
    config = loadConfig(io.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`buyerbridge: ${error.message}\n`)
      return 78
    }
    throw error
  }
  const logger = createLogger({ level: io.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn' })
  if (command === 'migrate') {
    const handle = await openDatabase(config.database, logger)
    try {
      if (sub === 'down') io.out(`rolled back: ${(await migrateDown(handle.db)).join(', ') || 'nothing'}\n`)
      else if (sub === 'status') {
        const pending = await pendingMigrations(handle.db)
        io.out(pending.length > 0 ? `pending: ${pending.join(', ')}\n` : 'migrations current\n')
      } else if (sub === undefined || sub === 'up' || sub === 'latest') {
        const applied = await migrateToLatest(handle.db)
        io.out(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'migrations current, nothing to apply\n')
      } else {
        io.err(`buyerbridge: unknown migrate command "${sub}"\n${USAGE}`)
        return 64
      }
      return 0
    } finally {
      await handle.close()
    }
  }
  if (command === 'doctor') {
    io.out(`configuration OK${config.configPath ? ` (${config.configPath})` : ''}; ${config.stores.length} store(s); demo mode ${config.demo.enabled ? `on: ${config.demo.reason}` : 'off'}\n`)
    const results = await runChecks(doctorChecks(config, logger))
    io.out(formatTable(results))
    return results.every((r) => r.ok) ? 0 : 1
  }
  io.err(`buyerbridge: unknown command "${command}"\n${USAGE}`)
  return 64
}

function isEntryPoint(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isEntryPoint()) {
  runCli(process.argv.slice(2), { env: process.env, out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`buyerbridge: ${(error as Error).message}\n`)
      process.exit(1)
    },
  )
}
