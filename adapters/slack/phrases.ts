// Slack-only UI text (buttons, modal chrome, thread notes) in the channel's UI language. Card content itself
// comes localised in the domain CardView.

import type { UiLanguage } from '../../src/domain/vocabulary.ts'

type Text = Readonly<Record<UiLanguage, string>>
type Phrase<P extends unknown[]> = Readonly<Record<UiLanguage, (...params: P) => string>>

const t = (en: string, zh: string): Text => ({ en, 'zh-CN': zh })
const p = <P extends unknown[]>(en: (...params: P) => string, zh: (...params: P) => string): Phrase<P> => ({ en, 'zh-CN': zh })

export const SLACK_TEXT = {
  fullMessage: t('Full message', '完整消息'),
  messageTruncated: p(
    (shown: number, total: number) => `Showing ${shown} of ${total} characters`,
    (shown: number, total: number) => `显示 ${shown} / ${total} 个字符`,
  ),
  pickTemplate: t('Choose a template', '选择模板'),
  recommended: t('Recommended', '推荐'),
  otherTemplates: t('Other templates', '其他模板'),
  moreTemplates: p(
    (count: number) => `${count} more templates are in the web console`,
    (count: number) => `另有 ${count} 个模板请在网页控制台查看`,
  ),
  unavailable: p(
    (actions: string, reason: string) => `${actions} unavailable: ${reason}`,
    (actions: string, reason: string) => `${actions}不可用：${reason}`,
  ),
  listSeparator: t(', ', '、'),
  confirmTitle: t('Are you sure?', '确认操作'),
  confirmYes: t('Yes, continue', '确定'),
  confirmNo: t('Cancel', '取消'),
  editorTitle: t('Reply to buyer', '回复买家'),
  editorSubmit: t('Send', '发送'),
  editorClose: t('Cancel', '取消'),
  editorLabel: t('Reply', '回复内容'),
  editorHint: t(
    'Amazon rules: no links, no contact details, no review requests, no marketing. Checked before sending.',
    '亚马逊规则：不得包含链接、联系方式、索评或营销内容。发送前会自动检查。',
  ),
  messageTitle: t('Buyer message', '买家消息'),
  close: t('Close', '关闭'),
  modalCut: p(
    (total: number) => `The message is longer than Slack can show (${total} characters). Read the rest in the web console.`,
    (total: number) => `消息过长（${total} 个字符），Slack 无法完整显示，请在网页控制台查看其余部分。`,
  ),
  lintSpan: p(
    (message: string, span: string) => `• ${message} → “${span}”`,
    (message: string, span: string) => `• ${message}→「${span}」`,
  ),
  lintRule: p(
    (message: string) => `• ${message}`,
    (message: string) => `• ${message}`,
  ),
  notAllowed: t(
    'You are not allowed to do this in Buyerbridge. Ask an admin to add you as an agent or manager.',
    '您没有在 Buyerbridge 中执行此操作的权限，请联系管理员将您添加为客服或主管。',
  ),
  actionFailed: p(
    (reason: string) => `That did not work: ${reason}`,
    (reason: string) => `操作未成功：${reason}`,
  ),
  moreFindings: p(
    (count: number) => `(+${count} more)`,
    (count: number) => `（另有 ${count} 项）`,
  ),
} as const
