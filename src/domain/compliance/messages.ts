// What each finding tells the agent, in English and Simplified Chinese.

import { languageName } from './language-check.ts'
import type { Hit } from './hit.ts'
import type { LintContext } from './types.ts'

const ZH_LANGUAGE: Record<string, string> = { en: '英语', de: '德语', fr: '法语', it: '意大利语', es: '西班牙语', ja: '日语', zh: '中文' }

export function messagesFor(hit: Hit, context: LintContext, limit: number): { en: string; zh: string } {
  const d = hit.detail ?? ''
  switch (hit.ruleId) {
    case 'external-link':
      return { en: `Link to ${d}: only links to this marketplace's Amazon site are allowed.`, zh: `链接 ${d}：只允许链接到本站点的亚马逊网站。` }
    case 'off-topic-amazon-link':
      return hit.severity === 'block'
        ? { en: 'SP-API messages may only link to Amazon pages about this order, its return or help.', zh: 'SP-API 消息只能链接与本订单、退货或帮助相关的亚马逊页面。' }
        : { en: 'Link to a product, search or store page: this can read as marketing.', zh: '链接到商品、搜索或店铺页面：可能被视为营销。' }
    case 'email-address':
      return { en: 'E-mail addresses are not allowed in buyer messages.', zh: '买家消息中不允许出现电子邮件地址。' }
    case 'phone-number':
      return { en: 'Phone numbers are not allowed in buyer messages.', zh: '买家消息中不允许出现电话号码。' }
    case 'html':
      return { en: `HTML is not allowed (${d}); write plain text.`, zh: `不允许使用 HTML（${d}），请使用纯文本。` }
    case 'emoji-gif':
      return { en: 'Emojis, emoticons and GIFs are not allowed.', zh: '不允许使用表情符号、颜文字或 GIF。' }
    case 'review-manipulation':
      return { en: `Asking for a positive review or rating, or to change or remove one, is prohibited ("${d}").`, zh: `禁止索要好评/星级，或要求修改、删除评价（“${d}”）。` }
    case 'review-request':
      return { en: `Asking for a review or feedback in a message is risky; use Amazon's Request a Review ("${d}").`, zh: `在消息中索要评价有风险，请使用亚马逊的“请求评论”功能（“${d}”）。` }
    case 'review-incentive':
      return { en: `Offering something in exchange for a review is prohibited ("${d}").`, zh: `禁止以任何好处换取评价（“${d}”）。` }
    case 'marketing':
      return { en: `Marketing, promotions, coupons, discounts and other products are not allowed ("${d}").`, zh: `不允许营销、促销、优惠券、折扣或推荐其他商品（“${d}”）。` }
    case 'off-amazon-contact':
      return { en: `Do not move the buyer off Amazon ("${d}").`, zh: `不得引导买家离开亚马逊（“${d}”）。` }
    case 'line-breaks':
      return { en: 'More than two consecutive line breaks: leave at most one blank line.', zh: '连续换行超过两个：最多只能空一行。' }
    case 'missing-order-id':
      return context.orderId === null
        ? { en: 'No order id in the text: every message should name its order.', zh: '正文中没有订单号：每条消息都应注明订单号。' }
        : { en: `The order id ${context.orderId} must appear in the text.`, zh: `正文中必须包含订单号 ${context.orderId}。` }
    case 'length-limit':
      return hit.start === 0 && hit.end === 0
        ? { en: 'The text is empty.', zh: '正文为空。' }
        : { en: `Too long for ${context.path}: at most ${limit} characters.`, zh: `超出 ${context.path} 的长度限制：最多 ${limit} 个字符。` }
    case 'language-mismatch': {
      const buyer = context.buyerLanguage.split(/[-_]/)[0] ?? ''
      return hit.severity === 'block'
        ? { en: `The text is not in the buyer's language (${languageName(buyer)}), it reads as ${languageName(d)}.`, zh: `正文不是买家的语言（${ZH_LANGUAGE[buyer] ?? buyer}），看起来是${ZH_LANGUAGE[d] ?? d}。` }
        : { en: `This sentence reads as ${languageName(d)}, not the buyer's ${languageName(buyer)}.`, zh: `这句话看起来是${ZH_LANGUAGE[d] ?? d}，不是买家的${ZH_LANGUAGE[buyer] ?? buyer}。` }
    }
    case 'unresolved-placeholder':
      return { en: `Unfilled placeholder ${d}.`, zh: `占位符 ${d} 未填写。` }
  }
}
