import type { IntentKeywordTable } from './types.ts'

// Chinese, Dutch, Polish, Swedish and Turkish: the common phrasings only (these buyers are fewer and the
// shipped templates are not written in these languages).

export const CHINESE_INTENT_KEYWORDS: IntentKeywordTable = {
  'where-is-my-order': { strong: ['我的订单在哪', '订单状态', '物流信息', '追踪号', '快递单号', '什么时候发货', '什么时候到', '发货了吗', '物流'] },
  'delivery-delay': { strong: ['延迟', '延误', '迟到', '太慢', '还没到'] },
  'not-received': { strong: ['没有收到', '没收到', '未收到', '显示已送达', '丢失', '丢了'] },
  'damaged-defective': { strong: ['损坏', '坏了', '破损', '不能用', '无法使用', '有缺陷', '质量问题', '碎了'] },
  'wrong-item': { strong: ['发错', '错误的商品', '不是我订的', '不是我买的', '发错货'] },
  'return-request': { strong: ['退货', '换货', '退回'] },
  'refund-status': { strong: ['退款', '退钱'] },
  'cancel-request': { strong: ['取消订单', '取消'] },
  'product-question': { strong: ['说明书', '材质', '保修', '使用方法'], hint: ['请问'] },
  'size-compatibility': { strong: ['尺寸', '尺码', '兼容', '适合'] },
  'invoice-request': { strong: ['发票', '收据'] },
  'address-change': { strong: ['修改地址', '更改地址', '地址错了', '收货地址', '改地址'] },
  'feedback-review': { strong: ['评价', '差评', '好评', '评论'] },
}

export const DUTCH_INTENT_KEYWORDS: IntentKeywordTable = {
  'where-is-my-order': { strong: ['waar is mijn bestelling', 'waar is mijn pakket', 'track en trace', 'wanneer wordt .. geleverd', 'wanneer komt', 'verzonden'] },
  'delivery-delay': { strong: ['vertraag*', 'te laat'] },
  'not-received': { strong: ['niet ontvangen', 'nooit ontvangen', 'niet aangekomen', 'als bezorgd', 'niet bezorgd'] },
  'damaged-defective': { strong: ['beschadigd', 'kapot', 'werkt niet', 'gebroken'] },
  'wrong-item': { strong: ['verkeerde artikel', 'verkeerd* product', 'verkeerde maat', 'verkeerde kleur'] },
  'return-request': { strong: ['retourneren', 'terugsturen', 'terug sturen', 'ruilen'] },
  'refund-status': { strong: ['terugbetal*', 'geld terug', 'terugstorting'] },
  'cancel-request': { strong: ['annuleren', 'annulering'] },
  'product-question': { strong: ['handleiding', 'materiaal', 'gebruiksaanwijzing'] },
  'size-compatibility': { strong: ['welke maat', 'past het', 'compatibel', 'afmetingen'] },
  'invoice-request': { strong: ['factuur', 'btw'] },
  'address-change': { strong: ['adres wijzigen', 'ander adres', 'verkeerd adres', 'adres aanpassen'] },
  'feedback-review': { strong: ['beoordeling', 'recensie'] },
}

export const POLISH_INTENT_KEYWORDS: IntentKeywordTable = {
  'where-is-my-order': { strong: ['gdzie jest moje zamówienie', 'gdzie jest moja paczka', 'numer przesyłki', 'numer śledzenia', 'kiedy .. dotrze', 'kiedy .. wysłan*'] },
  'delivery-delay': { strong: ['opóźni*', 'spóźni*'] },
  'not-received': { strong: ['nie otrzymał*', 'nie dotarł*', 'nie doszł*', 'nie dostał*', 'zgubion*'] },
  'damaged-defective': { strong: ['uszkodzon*', 'zepsut*', 'nie działa', 'wadliw*', 'pęknięt*'] },
  'wrong-item': { strong: ['zły produkt', 'niewłaściwy', 'inny produkt', 'zły rozmiar', 'zły kolor'] },
  'return-request': { strong: ['zwrócić', 'odesłać', 'zwrot towaru', 'wymian*'], hint: ['zwrot'] },
  'refund-status': { strong: ['zwrot pieniędzy', 'zwrot środków', 'pieniądze'] },
  'cancel-request': { strong: ['anulow*'] },
  'product-question': { strong: ['instrukcj*', 'materiał'] },
  'size-compatibility': { strong: ['jaki rozmiar', 'kompatybiln*', 'wymiary'], hint: ['rozmiar'] },
  'invoice-request': { strong: ['faktur*', 'paragon'] },
  'address-change': { strong: ['zmiana adresu', 'zmienić adres', 'adres dostawy'] },
  'feedback-review': { strong: ['opini*', 'recenzj*', 'ocen*'] },
}

export const SWEDISH_INTENT_KEYWORDS: IntentKeywordTable = {
  'where-is-my-order': { strong: ['var är min beställning', 'var är mitt paket', 'spårningsnummer', 'när kommer', 'skickats'] },
  'delivery-delay': { strong: ['försen*'] },
  'not-received': { strong: ['inte fått', 'inte kommit', 'aldrig fått', 'inte mottagit', 'aldrig kommit'] },
  'damaged-defective': { strong: ['skadad*', 'trasig*', 'fungerar inte'] },
  'wrong-item': { strong: ['fel vara', 'fel produkt', 'fel storlek', 'fel färg'] },
  'return-request': { strong: ['returnera', 'skicka tillbaka', 'byta'] },
  'refund-status': { strong: ['återbetalning*', 'pengarna tillbaka', 'pengar tillbaka'] },
  'cancel-request': { strong: ['avbeställ*', 'avbryta', 'annullera'] },
  'product-question': { strong: ['bruksanvisning'] },
  'size-compatibility': { strong: ['vilken storlek', 'passar', 'kompatib*'] },
  'invoice-request': { strong: ['faktura', 'kvitto', 'moms'] },
  'address-change': { strong: ['ändra adress', 'ändra .. adress', 'leveransadress', 'ny adress'] },
  'feedback-review': { strong: ['recension*', 'betyg', 'omdöme'] },
}

export const TURKISH_INTENT_KEYWORDS: IntentKeywordTable = {
  'where-is-my-order': { strong: ['siparişim nerede', 'kargom nerede', 'kargo takip', 'takip numarası', 'ne zaman gelir', 'ne zaman kargoya'] },
  'delivery-delay': { strong: ['gecik*'] },
  'not-received': { strong: ['teslim almadım', 'ulaşmadı', 'gelmedi', 'almadım'] },
  'damaged-defective': { strong: ['hasarlı', 'kırık', 'bozuk', 'çalışmıyor', 'arızalı'] },
  'wrong-item': { strong: ['yanlış ürün', 'farklı ürün', 'yanlış beden', 'yanlış renk'] },
  'return-request': { strong: ['iade etmek', 'iade', 'geri göndermek', 'değişim'] },
  'refund-status': { strong: ['para iadesi', 'paramı', 'ücret iadesi'] },
  'cancel-request': { strong: ['iptal*'] },
  'product-question': { strong: ['kullanım kılavuzu', 'malzeme'] },
  'size-compatibility': { strong: ['hangi beden', 'uyumlu'], hint: ['beden'] },
  'invoice-request': { strong: ['fatura*'] },
  'address-change': { strong: ['adres değişikliği', 'adresi değiştirmek', 'teslimat adresi', 'adresimi değiştir*'] },
  'feedback-review': { strong: ['yorum*', 'değerlendirme'] },
}
