import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Db } from '../../db/schema.ts'
import { readSetting, writeSetting } from '../../db/repos/settings.ts'
import { AppError } from '../../domain/errors.ts'
import { SENDING_PAUSED_SETTING } from '../../services/reply/pause.ts'


const pauseBody = z.strictObject({
  paused: z.boolean({ message: 'paused must be true or false' }),
  reason: z.string().max(500).optional(),
  by: z.string().min(1).max(100).default('admin-api'),
})
const storedPause = z.object({ paused: z.boolean(), reason: z.string().nullable().default(null), by: z.string(), at: z.string() })

/** The "pause sending" switch: stored in the database so every replica sees it on its next send. */
export async function sendingApi(app: FastifyInstance, deps: { db: () => Db; pausedByConfig: boolean }): Promise<void> {
  const current = async () => {
    const stored = storedPause.safeParse(await readSetting(deps.db(), SENDING_PAUSED_SETTING))
    const runtime = stored.success ? stored.data : null
    return { paused: deps.pausedByConfig || (runtime?.paused ?? false), pausedByConfig: deps.pausedByConfig, runtime }
  }

  app.get('/api/sending', current)

  app.put('/api/sending', async (request) => {
    const body = pauseBody.safeParse(request.body)
    if (!body.success) throw new AppError('BAD_REQUEST', body.error.issues.map((i) => i.message).join('; '))
    const { paused, reason, by } = body.data
    await writeSetting(deps.db(), SENDING_PAUSED_SETTING, { paused, reason: reason ?? null, by, at: new Date().toISOString() }, by)
    request.log.info({ paused, by }, paused ? 'sending paused' : 'sending resumed')
    return current()
  })
}
