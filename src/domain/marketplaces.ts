// One table for every marketplace: country code, SP-API marketplace id, region, the buyer-alias domain and
// the buyer's default language. Ids and regions from Amazon's SP-API marketplace list.

export type SpapiRegion = 'na' | 'eu' | 'fe'

export interface Marketplace {
  code: string
  id: string
  region: SpapiRegion
  /** Domain of the anonymised buyer alias, `…@marketplace.amazon.<tld>`. */
  aliasDomain: string
  /** The storefront, the only link target allowed in messages for this marketplace. */
  storefront: string
  language: string
  locale: string
  name: string
}

const m = (
  code: string,
  id: string,
  region: SpapiRegion,
  tld: string,
  language: string,
  locale: string,
  name: string,
): Marketplace => ({
  code,
  id,
  region,
  aliasDomain: `marketplace.amazon.${tld}`,
  storefront: `amazon.${tld}`,
  language,
  locale,
  name,
})

export const MARKETPLACES: readonly Marketplace[] = [
  m('US', 'ATVPDKIKX0DER', 'na', 'com', 'en', 'en-US', 'United States'),
  m('CA', 'A2EUQ1WTGCTBG2', 'na', 'ca', 'en', 'en-CA', 'Canada'),
  m('MX', 'A1AM78C64UM0Y8', 'na', 'com.mx', 'es', 'es-MX', 'Mexico'),
  m('BR', 'A2Q3Y263D00KWC', 'na', 'com.br', 'pt', 'pt-BR', 'Brazil'),
  m('UK', 'A1F83G8C2ARO7P', 'eu', 'co.uk', 'en', 'en-GB', 'United Kingdom'),
  m('IE', 'A28R8C7NBKEWEA', 'eu', 'ie', 'en', 'en-IE', 'Ireland'),
  m('DE', 'A1PA6795UKMFR9', 'eu', 'de', 'de', 'de-DE', 'Germany'),
  m('FR', 'A13V1IB3VIYZZH', 'eu', 'fr', 'fr', 'fr-FR', 'France'),
  m('IT', 'APJ6JRA9NG5V4', 'eu', 'it', 'it', 'it-IT', 'Italy'),
  m('ES', 'A1RKKUPIHCS9HS', 'eu', 'es', 'es', 'es-ES', 'Spain'),
  m('NL', 'A1805IZSGTT6HS', 'eu', 'nl', 'nl', 'nl-NL', 'Netherlands'),
  m('BE', 'AMEN7PMS3EDWL', 'eu', 'com.be', 'fr', 'fr-BE', 'Belgium'),
  m('SE', 'A2NODRKZP88ZB9', 'eu', 'se', 'sv', 'sv-SE', 'Sweden'),
  m('PL', 'A1C3SOZRARQ6R3', 'eu', 'pl', 'pl', 'pl-PL', 'Poland'),
  m('TR', 'A33AVAJ2PDY3EV', 'eu', 'com.tr', 'tr', 'tr-TR', 'Turkey'),
  m('AE', 'A2VIGQ35RCS4UG', 'eu', 'ae', 'en', 'en-AE', 'United Arab Emirates'),
  m('SA', 'A17E79C6D8DWNP', 'eu', 'sa', 'ar', 'ar-SA', 'Saudi Arabia'),
  m('EG', 'ARBP9OOSHTCHU', 'eu', 'eg', 'ar', 'ar-EG', 'Egypt'),
  m('IN', 'A21TJRUUN4KGV', 'eu', 'in', 'en', 'en-IN', 'India'),
  m('ZA', 'AE08WJ6YKNBMC', 'eu', 'co.za', 'en', 'en-ZA', 'South Africa'),
  m('JP', 'A1VC38T7YXB528', 'fe', 'co.jp', 'ja', 'ja-JP', 'Japan'),
  m('AU', 'A39IBJ37TRP1C6', 'fe', 'com.au', 'en', 'en-AU', 'Australia'),
  m('SG', 'A19VAU5U5O7RUS', 'fe', 'sg', 'en', 'en-SG', 'Singapore'),
]

const byCode = new Map(MARKETPLACES.map((mp) => [mp.code, mp]))
const byId = new Map(MARKETPLACES.map((mp) => [mp.id, mp]))

export function marketplaceByCode(code: string): Marketplace | undefined {
  return byCode.get(code.toUpperCase() === 'GB' ? 'UK' : code.toUpperCase())
}

export function marketplaceById(id: string): Marketplace | undefined {
  return byId.get(id)
}

/** The marketplace of a buyer alias address, from its domain (`…@marketplace.amazon.co.uk` → UK). */
export function marketplaceByAliasDomain(domain: string): Marketplace | undefined {
  const d = domain.toLowerCase()
  return MARKETPLACES.find((mp) => mp.aliasDomain === d)
}
