import { z } from 'zod'
import { PLATFORMS, type Platform } from '../domain/vocabulary.ts'
import { runConversationCommand, type CommandDeps, type CommandResult } from '../services/commands/conversation-commands.ts'
import type { JobDefinition } from './queue.ts'

export const RUN_COMMAND_JOB = 'commands.run'

const commandData = z.object({
  action: z.enum(['bb.assign', 'bb.no_response', 'bb.escalate', 'bb.ack']),
  platform: z.enum(PLATFORMS),
  userId: z.string().min(1),
  conversationId: z.uuid(),
  idempotencyKey: z.string().min(1),
  /** Where to tell the clicker when the command is refused (Slack channel), if anywhere. */
  replyChannel: z.string().nullable(),
  /** Other ids of the clicker the click itself carried (a Feishu union_id). */
  aliases: z.array(z.string().min(1)).max(10).optional(),
})
export type CommandJobData = z.infer<typeof commandData>

/**
 * A card click acknowledged at once and run here: the command's own idempotency key makes a retried job or a
 * re-delivered click a no-op, and a refusal is told to the clicker privately.
 */
export function commandJob(
  deps: () => CommandDeps | null,
  onRefused: (data: CommandJobData, result: Extract<CommandResult, { ok: false }>) => Promise<void>,
  /** The user groups (e.g. Slack S… ids) the clicker is in, for people configured as a group. */
  groupsOf: (platform: Platform, userId: string) => Promise<readonly string[]> = async () => [],
): JobDefinition<CommandJobData> {
  return {
    name: RUN_COMMAND_JOB,
    data: commandData,
    retry: { retryLimit: 3, retryDelaySeconds: 1, retryBackoff: true, retryDelayMaxSeconds: 30 },
    concurrency: 4,
    handle: async (data) => {
      const commandDeps = deps()
      if (!commandDeps) throw new Error('the command services are not ready yet')
      const result = await runConversationCommand(commandDeps, {
        action: data.action,
        actor: { platform: data.platform, userId: data.userId, displayName: data.userId, groups: [...(data.aliases ?? []), ...(await groupsOf(data.platform, data.userId))] },
        conversationId: data.conversationId,
        idempotencyKey: data.idempotencyKey,
      })
      if (!result.ok && result.code !== 'DUPLICATE') await onRefused(data, result)
    },
  }
}
