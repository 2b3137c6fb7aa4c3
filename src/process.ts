// Running the service as the process: exit codes for start-up failures, graceful stop on SIGTERM/SIGINT
// within a deadline.
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ConfigError } from './config.ts'
import type { Logger } from './logging.ts'

const SHUTDOWN_DEADLINE_MS = 10_000
/** sysexits EX_CONFIG: the configuration is wrong, restarting will not help. */
const EXIT_CONFIG = 78

interface StartedService {
  logger: Logger
  ready: Promise<void>
  stop(): Promise<void>
}

export async function runAsProcess(start: () => Promise<StartedService>): Promise<void> {
  let service: StartedService
  try {
    service = await start()
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`buyerbridge: ${error.message}\n`)
      process.exit(EXIT_CONFIG)
    }
    process.stderr.write(`buyerbridge: failed to start: ${(error as Error).message}\n`)
    process.exit(1)
  }
  service.ready.catch((error: unknown) => {
    service.logger.fatal({ err: error }, 'start-up failed')
    void service.stop().finally(() => process.exit(1))
  })
  const shutdown = (signal: string) => {
    service.logger.info({ signal }, 'shutting down')
    const deadline = setTimeout(() => {
      service.logger.error('shutdown deadline passed; exiting')
      process.exit(1)
    }, SHUTDOWN_DEADLINE_MS)
    deadline.unref()
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        service.logger.error({ err: error }, 'error during shutdown')
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
}

/** True when `moduleUrl` is the script node was started with (not imported by a test or the CLI). */
export function isEntryPoint(moduleUrl: string): boolean {
  const entry = process.argv[1]
  if (!entry) return false
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(moduleUrl))
  } catch {
    return false
  }
}
