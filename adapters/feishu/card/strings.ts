// The adapter's own card text (the CardView brings everything else already localised).

export const FEISHU_TEXT = {
  excerptLabel: { en: () => 'Buyer message', 'zh-CN': () => '买家消息' },
  excerptShortened: {
    en: (total: number) => `(shortened; the full message has ${total} characters, see the web console)`,
    'zh-CN': (total: number) => `（内容较长已截断，原文共 ${total} 字，请在网页控制台查看）`,
  },
  riskFlags: { en: () => 'Risk flags', 'zh-CN': () => '风险标记' },
  templatePlaceholder: { en: () => 'Choose a reply template', 'zh-CN': () => '选择回复模板' },
  recommendedMark: { en: () => '★ ', 'zh-CN': () => '★ ' },
  moreTemplates: {
    en: (count: number) => `${count} more templates are not listed here: see the web console`,
    'zh-CN': (count: number) => `另有 ${count} 个模板未列出，请在网页控制台查看`,
  },
  replyLabel: { en: () => 'Reply to the buyer', 'zh-CN': () => '回复买家' },
  replyPlaceholder: {
    en: () => 'Pick a template, then edit the reply here',
    'zh-CN': () => '请先选择模板，然后在此修改回复',
  },
  replyTooLong: {
    en: (length: number, limit: number) =>
      `This reply has ${length} characters, more than the ${limit} a Feishu card input accepts: edit it in the web console.`,
    'zh-CN': (length: number, limit: number) => `此回复共 ${length} 字，超过飞书卡片输入框 ${limit} 字的上限，请在网页控制台编辑。`,
  },
  openConsole: { en: () => 'Edit in the web console', 'zh-CN': () => '在网页控制台编辑' },
  consoleLinkPending: {
    en: () => 'The console link is being prepared',
    'zh-CN': () => '控制台链接正在生成',
  },
  fieldSeparator: { en: () => ': ', 'zh-CN': () => '：' },
  listSeparator: { en: () => ', ', 'zh-CN': () => '、' },
}

/** Characters Feishu card markdown would interpret, as HTML entities (Feishu renders entities literally). */
const MARKDOWN_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  '`': '&#96;',
  '[': '&#91;',
  ']': '&#93;',
  '(': '&#40;',
  ')': '&#41;',
  '#': '&#35;',
  '\\': '&#92;',
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[&<>*_~`[\]()#\\]/g, (char) => MARKDOWN_ENTITIES[char] ?? char)
}
