import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/** The service's Prometheus metrics; one registry per service instance (tests build several). */
export class Metrics {
  readonly registry = new Registry()
  readonly messagesIngested = new Counter({
    name: 'buyerbridge_messages_ingested_total',
    help: 'Buyer messages stored, by marketplace and outcome (new, duplicate, unparseable)',
    labelNames: ['marketplace', 'outcome'],
    registers: [this.registry],
  })
  readonly cardsPosted = new Counter({
    name: 'buyerbridge_cards_posted_total',
    help: 'Cards posted or updated on chat platforms, by platform and operation',
    labelNames: ['platform', 'operation'],
    registers: [this.registry],
  })
  readonly replies = new Counter({
    name: 'buyerbridge_replies_total',
    help: 'Replies to buyers by path and outcome (sent, failed, unconfirmed)',
    labelNames: ['path', 'outcome'],
    registers: [this.registry],
  })
  readonly slaBreaches = new Counter({
    name: 'buyerbridge_sla_breaches_total',
    help: "Conversations that passed Amazon's 24-hour response deadline unanswered",
    labelNames: ['marketplace'],
    registers: [this.registry],
  })
  readonly jobFailures = new Counter({
    name: 'buyerbridge_job_failures_total',
    help: 'Failed job attempts by job name and whether a retry follows',
    labelNames: ['job', 'will_retry'],
    registers: [this.registry],
  })
  readonly httpDuration = new Histogram({
    name: 'buyerbridge_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  })

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'buyerbridge_' })
  }
}
