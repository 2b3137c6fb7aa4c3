import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startService, type RunningService } from '../../src/main.ts'
import type { Clock } from '../../src/ports/clock.ts'
import { createTestDatabaseConfig, type TestDatabase } from './database.ts'

export interface TestService {
  service: RunningService
  url: string
  stop(): Promise<void>
}

/** The whole service in-process on a free port and a fresh database of the suite's mode. */
export async function startTestService(env: Record<string, string>, options: { clock?: Clock } = {}): Promise<TestService> {
  const target: TestDatabase = await createTestDatabaseConfig()
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'bb-service-'))
  const service = await startService({
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...(target.config.kind === 'postgres' ? { DATABASE_URL: target.config.url } : { DATA_DIR: target.config.dataDir }),
      ...env,
    },
    ...(options.clock ? { clock: options.clock } : {}),
  })
  await service.ready
  return {
    service,
    url: service.url,
    stop: async () => {
      await service.stop()
      await target.drop()
      rmSync(scratch, { recursive: true, force: true })
    },
  }
}

export { eventually } from './wait.ts'

/** A raw buyer e-mail to the service's `POST /inbound/email`, as a mail relay or forwarding rule sends it. */
export function postInboundEmail(serviceUrl: string, token: string, raw: string | Buffer): Promise<Response> {
  return fetch(`${serviceUrl}/inbound/email`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'message/rfc822' }, body: raw })
}
