// The adapter's own words on the card (the view's texts come localised from the domain).

import type { UiLanguage } from '../../../src/domain/vocabulary.ts'

type Text = Readonly<Record<UiLanguage, string>>

export const DINGTALK_TEXT = {
  templatePlaceholder: { en: 'Choose a reply template', 'zh-CN': '选择回复模板' },
  replyLabel: { en: 'Reply to the buyer', 'zh-CN': '回复买家' },
  replyPlaceholder: { en: 'Pick a template first, then edit the reply here', 'zh-CN': '请先选择模板，再在此编辑回复' },
  replyTooLong: {
    en: 'This reply is too long to edit in DingTalk: edit it in the web console.',
    'zh-CN': '回复过长，无法在钉钉中编辑，请在网页控制台中编辑。',
  },
  replyTooLongWithoutLink: {
    en: 'This reply is too long to edit in DingTalk: open the conversation in the web console.',
    'zh-CN': '回复过长，无法在钉钉中编辑，请在网页控制台中打开该会话。',
  },
  recommendedMark: { en: '★ ', 'zh-CN': '★ ' },
} as const satisfies Record<string, Text>

export function excerptNote(language: UiLanguage, originalLength: number, shownLength: number): string {
  const total = originalLength.toLocaleString(language === 'zh-CN' ? 'zh-CN' : 'en-US')
  const shown = shownLength.toLocaleString(language === 'zh-CN' ? 'zh-CN' : 'en-US')
  return language === 'zh-CN'
    ? `消息较长，仅显示前 ${shown} 字（共 ${total} 字），完整内容请在网页控制台查看`
    : `Long message: showing ${shown} of ${total} characters; read it in full in the web console`
}
