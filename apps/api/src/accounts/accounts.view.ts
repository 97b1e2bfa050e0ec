/**
 * What the account and API key routes answer with. Response classes are types only: the services
 * build plain objects of these shapes; the classes exist so the OpenAPI plugin can read them
 * (scripts/openapi-metadata.ts reads `*.view.ts`).
 */

/** An API key as listed: never its secret. */
export class ApiKeyView {
  id: string;
  name: string;
  /** Public part of the key (`sbk_<prefix>_…`), used to find it. */
  prefix: string;
  /** Only reads: every write answers 403. */
  readOnly: boolean;
  /** Properties the key is limited to; null: every property of the account, also later ones. */
  propertyIds: string[] | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** Set once revoked: the key stops working at once and stays listed. */
  revokedAt: Date | null;
}

/** A key just created: the only answer that carries the key itself. */
export class CreatedApiKeyView extends ApiKeyView {
  /** The whole key (`sbk_<prefix>_<secret>`), shown only here: store it now. */
  key: string;
}

export class ApiKeyList {
  items: ApiKeyView[];
}

/** The account itself. */
export class AccountView {
  id: string;
  name: string;
  createdAt: Date;
}

/** What the calling key may do. */
export class CallingKeyView {
  id: string;
  readOnly: boolean;
  /** Properties the key is limited to; null: every property of the account. */
  propertyIds: string[] | null;
}

/** The calling key's account, and what that key may do. */
export class AccountWithKeyView extends AccountView {
  key: CallingKeyView;
}

/** A new account and its first key (shown only here). */
export class CreatedAccountView {
  account: AccountView;
  apiKey: CreatedApiKeyView;
}

/** A named group of the account's properties. */
export class PropertyListView {
  id: string;
  name: string;
  /** Members the calling key can see (a property-limited key sees only its own). */
  propertyIds: string[];
  createdAt: Date;
}

export class PropertyListList {
  items: PropertyListView[];
}
