import { z } from 'zod'
import { UI_LANGUAGES } from '../domain/vocabulary.ts'

// The `dingtalk` section of the config file: custom group robots that get one-way escalation pings (manager
// escalations and after-hours pages) as markdown. Webhook and secret usually come from the environment:
// `webhook: ${DINGTALK_ROBOT_WEBHOOK}`, `secret: ${DINGTALK_ROBOT_SECRET}`.

const robotSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, 'expected an id of letters, digits, dot, dash or underscore'),
  /** `https://oapi.dingtalk.com/robot/send?access_token=…` as the group's robot settings show it. */
  webhook: z
    .string()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) && new URL(value).searchParams.has('access_token'), 'expected the robot webhook URL with its access_token'),
  /** The robot's signing secret (`SEC…`) when "加签" is on. */
  secret: z.string().min(1).optional(),
  uiLanguage: z.enum(UI_LANGUAGES, { message: 'expected en or zh-CN' }).default('zh-CN'),
})
export type DingtalkRobotConfig = z.output<typeof robotSchema>

export const dingtalkFileSchema = z
  .strictObject({
    robots: z
      .array(robotSchema)
      .default([])
      .refine((robots) => new Set(robots.map((robot) => robot.id)).size === robots.length, 'expected every robot id once'),
  })
  .default({ robots: [] })
