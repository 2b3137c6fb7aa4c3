import type { FastifyInstance } from 'fastify'
import type { Metrics } from '../../metrics.ts'
import type { ReadinessReport } from '../../services/readiness.ts'

export interface HealthRouteDeps {
  metrics: Metrics
  readiness: () => Promise<ReadinessReport>
  demo: boolean
}

export async function healthRoutes(app: FastifyInstance, deps: HealthRouteDeps): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok', demo: deps.demo }))

  app.get('/readyz', async (_request, reply) => {
    const report = await deps.readiness()
    return reply.status(report.ready ? 200 : 503).send(report)
  })

  app.get('/metrics', async (_request, reply) => {
    const body = await deps.metrics.registry.metrics()
    return reply.header('content-type', deps.metrics.registry.contentType).send(body)
  })
}
