import { z } from 'zod'
import { DingtalkRobotWebhook, robotPingMessage, type RobotWebhookDeps } from '../../adapters/dingtalk/index.ts'
import type { DingtalkRobotConfig } from '../config/dingtalk-file.ts'
import type { Db } from '../db/schema.ts'
import type { Person } from '../domain/routing/index.ts'
import type { JobDefinition, JobQueue } from '../jobs/queue.ts'
import { jobDatabase } from '../jobs/queue.ts'
import type { Logger } from '../logging.ts'
import { escalationPingText, type PingHook } from '../services/escalation/robot-pings.ts'

export const ROBOT_PING_JOB = 'dingtalk.robot_ping'

const pingData = z.object({
  robotId: z.string().min(1),
  ping: z.object({
    kind: z.enum(['escalation', 'page', 'reminder']),
    conversationId: z.uuid(),
    at: z.iso.datetime(),
    personIds: z.array(z.string()),
    step: z.number().int().min(0).nullable(),
  }),
})

/**
 * DingTalk custom group robots as one-way escalation channels: every escalation and after-hours page becomes one
 * job per robot, enqueued in the transaction that escalated or paged (so it is sent once, and only if that
 * committed), and sent as markdown. Each robot paces itself to DingTalk's 20 messages a minute: a burst waits
 * in the job queue and nothing is dropped.
 */
export async function startRobotPings(options: {
  robots: readonly DingtalkRobotConfig[]
  db: Db
  queue: JobQueue
  people: readonly Person[]
  logger: Logger
  /** Clock and sleep of the robots' pacing (tests). */
  robotDeps?: RobotWebhookDeps
}): Promise<{ onPing: PingHook }> {
  const log = options.logger.child({ component: 'dingtalk-robot' })
  const robots = new Map(options.robots.map((robot) => [robot.id, { config: robot, webhook: new DingtalkRobotWebhook({ webhookUrl: robot.webhook, ...(robot.secret ? { secret: robot.secret } : {}) }, log, options.robotDeps) }]))
  const job: JobDefinition<z.infer<typeof pingData>> = {
    name: ROBOT_PING_JOB,
    data: pingData,
    retry: { retryLimit: 6, retryDelaySeconds: 5, retryBackoff: true, retryDelayMaxSeconds: 300 },
    // Several at once so a burst queues inside the robot's pacer rather than one job at a time.
    concurrency: 4,
    handle: async ({ robotId, ping }) => {
      const robot = robots.get(robotId)
      if (!robot) return
      const text = await escalationPingText(options.db, options.people, ping, robot.config.uiLanguage)
      if (!text) return
      await robot.webhook.send(robotPingMessage(text))
      log.info({ robot: robotId, kind: ping.kind, conversationId: ping.conversationId }, 'dingtalk robot pinged')
    },
  }
  await options.queue.register(job)
  return {
    onPing: async (trx, ping) => {
      for (const robotId of robots.keys()) {
        await options.queue.send(ROBOT_PING_JOB, { robotId, ping }, {
          db: jobDatabase(trx),
          singletonKey: `robot-ping:${robotId}:${ping.kind}:${ping.conversationId}:${ping.at}:${ping.step ?? ''}`,
        })
      }
    },
  }
}
