/*
 * What personal data becomes once it is let go, whether its retention period ran out
 * (retention-purge.repository) or its person asked to be erased (erasure.repository): one
 * definition per table, so both leave the same thing behind (docs/privacy.md).
 *
 * Numbers and addresses become one-way tokens (`erased-<20 hex>`, privacy_token() under the
 * account's key: the privacy-ground migration), so counts, reports and a person's grouped records
 * stay right. What a person typed or said is emptied. URLs lose their query string and fragment,
 * where click ids and form values travel. Each builder takes the table's alias in the UPDATE and the
 * SQL expression of the account's privacy key.
 */

/** `column` as its token under `key`, unless it is one already; null stays null. */
export const tokenised = (key: string, column: string, normalised = column): string =>
  `CASE WHEN ${column} LIKE 'erased-%' THEN ${column} ELSE privacy_token(${key}, ${normalised}) END`;

/**
 * An address as its token, made from the bare address in lower case (`Ann <Ann@X.com>` is
 * `ann@x.com`), as an erasure's subject is: the same person gets the same token either way.
 */
export const tokenisedAddress = (key: string, column: string): string =>
  tokenised(key, column, `lower(btrim(coalesce(substring(${column} from '<([^<>]+)>'), ${column})))`);

/** The URL without its query string and fragment. */
export const withoutQuery = (column: string): string => `split_part(split_part(${column}, '#', 1), '?', 1)`;

/**
 * A visit: the browser's visitor id (a token, so its visits still group), the client key and the ad
 * platforms' click ids gone, its pages without their query. Its source and campaign stay.
 */
export const scrubbedSession = (a: string, key: string): string =>
  `visitor_id = ${tokenised(key, `${a}.visitor_id`)}, client_key = NULL, click_ids = '{}'::jsonb,
   landing_url = ${withoutQuery(`${a}.landing_url`)}, referrer = ${withoutQuery(`${a}.referrer`)},
   active_page = ${withoutQuery(`${a}.active_page`)}`;

/** A visit that still has something of its visitor. */
export const sessionIdentifiable = (a: string): string =>
  `(${a}.visitor_id NOT LIKE 'erased-%' OR ${a}.client_key IS NOT NULL OR ${a}.click_ids <> '{}'::jsonb)`;

/** A call's pages: the attribution stays, the query strings go. */
export const scrubbedCallPages = (a: string): string =>
  `landing_page = ${withoutQuery(`${a}.landing_page`)}, active_page = ${withoutQuery(`${a}.active_page`)},
   referrer = ${withoutQuery(`${a}.referrer`)}`;

/**
 * A form: everything the visitor typed gone, the visitor id dropped, the page without its query.
 * Its phone and email are set by the caller (tokens: a later erasure by either must still find it).
 */
export const scrubbedFormContent = (a: string): string =>
  `fields = '{}'::json, name = NULL, message = NULL, visitor_id = NULL, page_url = ${withoutQuery(`${a}.page_url`)}`;

/** A form with anything personal left. */
export const formIdentifiable = (a: string): string =>
  `(${a}.fields::text <> '{}' OR ${a}.name IS NOT NULL OR ${a}.message IS NOT NULL OR ${a}.visitor_id IS NOT NULL
    OR ${a}.phone NOT LIKE 'erased-%' OR ${a}.email NOT LIKE 'erased-%')`;

/** An email: the sender a token, subject and bodies emptied, recipients other than the tracked address gone. */
export const scrubbedEmail = (a: string, key: string): string =>
  `from_address = ${tokenisedAddress(key, `${a}.from_address`)}, subject = '', text_body = NULL, html_body = NULL,
   to_addresses = jsonb_build_array(${a}.recipient), cc_addresses = '[]'::jsonb`;

/**
 * A conversion sent back to an ad platform: phone and email dropped (a token is of no use to a
 * platform), click ids and the page's query gone; the conversion stays for the reports.
 */
export const scrubbedConversion = (a: string): string =>
  `phone = NULL, email = NULL, click_ids = '{}'::jsonb, page_url = ${withoutQuery(`${a}.page_url`)}`;

/** A conversion that still carries something of its lead. */
export const conversionIdentifiable = (a: string): string =>
  `(${a}.phone IS NOT NULL OR ${a}.email IS NOT NULL OR ${a}.click_ids <> '{}'::jsonb
    OR ${a}.page_url LIKE '%?%' OR ${a}.page_url LIKE '%#%')`;
