import { randomBytes } from 'node:crypto'
import type { SimulatedOrder } from './orders.ts'
import { seedDemoOrders, seededRandom, type SeedOptions } from './seed.ts'
import { startSpapiSimulator, type SimulatorLogger, type SpapiSimulator } from './server.ts'

export interface DemoSpapiOptions extends SeedOptions {
  seed?: number
  now?: () => Date
  host?: string
  port?: number
  logger?: SimulatorLogger
}

export interface DemoSpapi {
  simulator: SpapiSimulator
  /** What the service's SP-API client needs to talk to this simulator. */
  connection: { endpoint: string; lwaEndpoint: string; clientId: string; clientSecret: string; refreshToken: string }
  orders: SimulatedOrder[]
}

/** Demo mode: an in-process simulator with fresh random credentials and seeded orders. */
export async function startDemoSpapi(options: DemoSpapiOptions = {}): Promise<DemoSpapi> {
  const now = options.now ?? (() => new Date())
  const credentials = {
    clientId: `amzn1.application-oa2-client.demo${randomBytes(8).toString('hex')}`,
    clientSecret: randomBytes(24).toString('hex'),
    refreshToken: `Atzr|demo${randomBytes(24).toString('base64url')}`,
  }
  const simulator = await startSpapiSimulator({
    ...credentials,
    now,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
  })
  const orders = seedDemoOrders(simulator, seededRandom(options.seed ?? 20_240_601), now(), options)
  return {
    simulator,
    connection: { endpoint: simulator.url, lwaEndpoint: `${simulator.url}/auth/o2/token`, ...credentials },
    orders,
  }
}
