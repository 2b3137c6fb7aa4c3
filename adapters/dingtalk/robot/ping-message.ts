// An escalation ping as a custom robot markdown message: a heading and one list line each, the whole body kept
// under the robot's 20 KB. Robot markdown has no escape character, so buyer and store text is neutralised
// instead: brackets and angle brackets become their full-width forms (no links, images or HTML), and line
// breaks become spaces (no headings or lists of the buyer's making).

import { clampBytes } from '../card/render.ts'
import type { RobotMessage } from './webhook.ts'

/** Room for the JSON envelope and the title within ROBOT_MAX_BODY_BYTES. */
const TEXT_MAX_BYTES = 16_000
const LINE_MAX_BYTES = 2_000
const FULL_WIDTH: Record<string, string> = { '[': '［', ']': '］', '<': '＜', '>': '＞' }

export function robotPlainText(text: string): string {
  return text.replace(/[[\]<>]/g, (char) => FULL_WIDTH[char] ?? char).replace(/\s*[\r\n]+\s*/g, ' ')
}

export function robotPingMessage(ping: { title: string; lines: readonly string[] }): RobotMessage {
  const title = clampBytes(robotPlainText(ping.title), 200)
  const lines = ping.lines.map((line) => `- ${clampBytes(robotPlainText(line), LINE_MAX_BYTES)}`)
  return { msgtype: 'markdown', markdown: { title, text: clampBytes(`### ${title}\n\n${lines.join('\n')}`, TEXT_MAX_BYTES) } }
}
