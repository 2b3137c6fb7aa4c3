// Marketing and off-Amazon vocabulary per language (phrase notation: see phrase.ts).

/** Promotions, coupons, discounts and other products: blocked in every buyer message. */
export const MARKETING: readonly string[] = [
  // en
  'coupon*|promo_code*|promotional|promotion|promotions|discount*|voucher*|special_offer*|exclusive_offer*|limited_time|flash_sale|on_sale|big_sale|clearance_sale|newsletter*|subscribe|buy_one_get|bogo',
  'check_out|browse|explore ~2 our|other|new|latest ~1 product|products|items|collection|range|store|shop|listings',
  'our ~1 other|new|latest product|products|items|collection|range|listings|bestsellers',
  'visit|follow ~2 our store|shop|storefront|brand_store|brand',
  // de
  'gutschein*|rabatt*|sonderangebot*|aktionscode*|rabattaktion*|sonderaktion*|promo*|newsletter*|abonnier*|ausverkauf|schnappchen*|preisnachlass*',
  'unsere|unserer|unseren|unserem ~1 anderen|weiteren|neuen|neuesten produkt*|artikel*|kollektion*|sortiment*',
  'besuchen|folgen ~2 unseren|unserem shop|store|markenshop|storefront',
  // fr
  'coupon*|code_promo*|promo|promotion*|bon_de_reduction|bons_de_reduction|reduction|reductions|soldes|offre_speciale|offres_speciales|offre_exclusive|newsletter|abonnez-vous|abonnez_vous',
  'nos ~1 autres|nouveaux|derniers produits|articles|collections',
  'visitez|suivez ~2 notre|nos boutique|boutiques|marque',
  // it
  'coupon*|codice_sconto|codici_sconto|sconto|sconti|scontat*|promozion*|promo|offerta_speciale|offerte_speciali|offerta_esclusiva|saldi|newsletter|iscriviti',
  'nostri ~1 altri|nuovi prodotti|articoli|collezione',
  'visiti|visitate|seguite|segua ~2 nostro|nostra negozio|vetrina|marchio',
  // es
  'cupon*|codigo_de_descuento|codigo_promocional|descuento*|promocion*|oferta_especial|ofertas_especiales|oferta_exclusiva|rebajas|newsletter|suscribase|suscribete',
  'nuestros ~1 otros|nuevos productos|articulos',
  'visite|siga|sigan ~2 nuestra|nuestro tienda|escaparate|marca',
  // ja
  'クーポン|割引|セール|キャンペーン|新商品|新製品|他の商品|他商品|当店の他|ポイント還元|お得|メルマガ|メールマガジン|特価|値引き|おすすめ商品|ストアをフォロー',
  // zh
  '优惠|优惠券|折扣|促销|新品|其他产品|其他商品|关注店铺|打折',
]

/** Moving the conversation or the sale off Amazon: messengers, social media, "our website". */
export const OFF_AMAZON: readonly string[] = [
  'whatsapp|wechat|weixin|facebook|instagram|telegram|viber|skype|tiktok|twitter|snapchat|kakaotalk|pinterest|youtube|signal_app|line_app|line_id|fb_messenger|messenger|weibo',
  'our ~1 website|web_site|site|homepage|home_page|online_shop|online_store|webshop|web_shop',
  'outside|outside_of ~1 amazon',
  'call|text|phone|ring ~1 us|me',
  'unsere|unserer|unseren|unserem ~1 website|webseite|homepage|internetseite|onlineshop|online-shop|webshop',
  'ausserhalb|ausserhalb_von ~1 amazon',
  'rufen_sie_uns_an|uns_anrufen',
  'notre ~1 site|site_web|site_internet|boutique_en_ligne',
  "en_dehors|hors ~2 amazon",
  'appelez-nous|appelez_nous',
  'nostro ~1 sito|sito_web|negozio_online',
  'fuori|al_di_fuori ~2 amazon',
  'ci_chiami|chiamateci',
  'nuestra ~1 web|pagina_web|tienda_online|pagina',
  'nuestro ~1 sitio|sitio_web',
  'fuera ~2 amazon',
  'llamenos|llamanos',
  '微信|ライン|公式サイト|公式ホームページ|自社サイト|当社サイト|当店サイト|ホームページ|ウェブサイト|webサイト|公式ショップ|公式ストア|アマゾン外|amazon外|直接取引|直接お取引',
  '官网|网站|站外|私下|加我|微博|抖音',
]
