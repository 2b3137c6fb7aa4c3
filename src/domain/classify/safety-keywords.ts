// Words of a product hurting someone or about to: fire, smoke, burns, shocks, injuries. They raise the
// safety risk flag and, as the incident is a defect of the product, support the damaged-defective intent.

export const SAFETY_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'caught fire', 'on fire', 'fire hazard', 'started a fire', 'flames', 'burn*', 'smoke', 'smoking', 'injur*', 'hurt',
    'choking', 'choke*', 'electric shock', 'shocked me', 'got a shock', 'explod*', 'explosion', 'melted', 'melting',
    'overheat*', 'sparks', 'sparked', 'hazard*', 'dangerous', 'unsafe', 'toxic', 'poison*', 'allergic reaction',
    'rash', 'bleeding', 'hospital', 'emergency room', 'scorched', 'sharp edge*', 'swallow*', 'small parts', 'skin irritation', 'itching', 'blister*', 'cut .. finger', 'cut .. hand', 'not safe',
    'should not be sold to', 'stitches',
  ],
  de: [
    'feuer', 'brandgefahr', 'brandgeruch', 'in brand', 'gebrannt', 'brannte', 'verbrannt', 'verbrennung*', 'rauch*',
    'qualm*', 'verletz*', 'erstick*', 'stromschlag', 'elektrischer schlag', 'explodiert', 'explosion', 'geschmolzen',
    'überhitz*', 'funken', 'gefährlich*', 'giftig', 'allergische reaktion', 'krankenhaus', 'notaufnahme', 'scharfkantig*',
    'geschnitten', 'verschluck*', 'kleinteile', 'kleine teile', 'ausschlag', 'hautreaktion', 'juckreiz',
  ],
  fr: [
    'feu', 'pris feu', 'incendie', 'brûl*', 'fumée', 'blessé*', 'blessure*', 'étouff*', 'électrocut*', 'décharge électrique',
    'explos*', 'fondu*', 'surchauff*', 'étincelle*', 'dangereu*', 'toxique', 'réaction allergique', 'hôpital', 'urgences', 'coupé* .. doigt', 'tranchant*', 'avalé*', 'petites pièces', 'irritation*', 'eczéma', 'démangeaison*', 'plaques rouges',
  ],
  it: [
    'fuoco', 'preso fuoco', 'incendi*', 'bruciat*', 'brucia', 'fumo', 'ferit*', 'soffoc*', 'scossa', 'folgorat*',
    'esplos*', 'sciolt*', 'surriscald*', 'scintill*', 'pericolos*', 'tossic*', 'reazione allergica', 'ospedale', 'pronto soccorso', 'tagliat* .. dito', 'taglient*', 'ingoiat*', 'inghiott*', 'pezzi piccoli', 'irritazion*', 'prurito', 'arrossament*',
  ],
  es: [
    'fuego', 'incendi*', 'quemad*', 'quemó', 'quemadura*', 'humo', 'herid*', 'lesion*', 'asfixi*', 'atragant*',
    'descarga eléctrica', 'calambre', 'electrocut*', 'explot*', 'explosión', 'derretid*', 'sobrecalent*', 'chispa*',
    'peligros*', 'tóxic*', 'reacción alérgica', 'hospital', 'urgencias', 'cortó .. dedo', 'cortante*', 'afilad*', 'se tragó', 'tragad*', 'piezas pequeñas', 'reacción en la piel', 'ronchas', 'sarpullido', 'irritación', 'picor',
  ],
  ja: ['火事', '発火', '燃え', '焦げ', '煙', 'やけど', '火傷', 'けが', '怪我', '負傷', '窒息', '感電', '爆発', '溶け', '過熱', '火花', '危険', '有毒', 'アレルギー', '病院', '異常に熱', '指を切', '手を切', '鋭利', 'かぶれ', '誤飲', '飲み込', '肌荒れ', '湿疹', '発疹', 'かゆみ', '炎症'],
  zh: ['着火', '起火', '冒烟', '烧伤', '烧坏', '受伤', '触电', '爆炸', '融化', '过热', '危险', '医院'],
  nl: ['vlam*', 'rook', 'gewond', 'ontplof*', 'gesmolten', 'oververhit', 'gevaarlijk', 'in brand', 'elektrische schok'],
  pl: ['pożar', 'dym', 'zapalił*', 'porażenie', 'wybuch*', 'stopił*', 'niebezpieczn*', 'poparzen*'],
  sv: ['eld', 'rök', 'började brinna', 'exploder*', 'smält*', 'farlig*', 'brännskad*', 'elstöt'],
  tr: ['yangın', 'alev', 'duman', 'yandı', 'yaralan*', 'elektrik çarp*', 'patladı', 'eridi', 'tehlikeli'],
}
