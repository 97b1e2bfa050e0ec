import type { Body } from './command-handlers';
import { TelnyxApiError, TelnyxErrors, type TelnyxErrorItem } from './errors';
import type { Reply } from './http-server';
import {
  NUMBER_FEATURES,
  orderStatus,
  ownedStatus,
  type AvailableNumber,
  type NumberFeature,
  type NumberInventory,
  type NumberOrder,
  type NumberSearch,
  type OwnedNumber,
} from './number-inventory';

/**
 * Telnyx's number APIs over the inventory: search (`/v2/available_phone_numbers`), orders
 * (`/v2/number_orders`) and the account's numbers (`/v2/phone_numbers`). Shapes follow the `telnyx`
 * SDK's types for these resources (the call-control schemas in contract/ cover calls and messages
 * only), so validation here is by hand.
 */
export interface NumberRequest {
  method: string;
  /** Path segments after `/v2`, decoded. */
  segments: string[];
  query: URLSearchParams;
  /** Parses the JSON body (Telnyx-shaped 400/422 when it is not an object). */
  body: () => Body;
}

const RESOURCES = new Set(['available_phone_numbers', 'number_orders', 'phone_numbers']);
const E164 = /^\+[1-9]\d{6,14}$/;
const PHONE_NUMBER_TYPES = ['local', 'toll_free', 'mobile', 'national', 'shared_cost'];
const OWNED_STATUSES = [
  'purchase-pending',
  'purchase-failed',
  'port-pending',
  'active',
  'deleted',
  'port-failed',
  'emergency-only',
  'ported-out',
  'port-out-pending',
];
const ORDER_STATUSES = ['pending', 'success', 'failure'];
const KEYPAD: Record<string, string> = Object.fromEntries(
  ['ABC', 'DEF', 'GHI', 'JKL', 'MNO', 'PQRS', 'TUV', 'WXYZ'].flatMap((letters, i) =>
    [...letters].map((l) => [l, String(i + 2)]),
  ),
);
const SEARCH_LIMIT_MAX = 100;
const PAGE_SIZE_MAX = 250;
const iso = (ms: number) => new Date(ms).toISOString();

export class NumberApi {
  constructor(
    private readonly inventory: NumberInventory,
    private readonly connectionId: string,
    private readonly now: () => number = Date.now,
  ) {}

  handles(resource: string | undefined): boolean {
    return resource !== undefined && RESOURCES.has(resource);
  }

  /** Throws TelnyxApiError for every refusal; the server turns it into the reply. */
  handle(r: NumberRequest): Reply {
    const [resource, id, ...rest] = r.segments;
    const path = `/v2/${r.segments.join('/')}`;
    if (rest.length > 0) throw TelnyxErrors.routeNotFound(path);
    const route = `${r.method} ${resource}${id === undefined ? '' : '/:id'}`;
    switch (route) {
      case 'GET available_phone_numbers':
        return this.search(r.query);
      case 'POST number_orders':
        return this.createOrder(r.body());
      case 'GET number_orders':
        return this.listOrders(r.query);
      case 'GET number_orders/:id': {
        const order = this.inventory.order(id);
        if (!order) throw TelnyxErrors.resourceNotFound('number order', id);
        return { status: 200, json: { data: this.orderJson(order) } };
      }
      case 'GET phone_numbers':
        return this.listOwned(r.query);
      case 'GET phone_numbers/:id': {
        const n = this.inventory.ownedNumber(id);
        if (!n) throw TelnyxErrors.resourceNotFound('phone number', id);
        return { status: 200, json: { data: this.ownedJson(n) } };
      }
      case 'DELETE phone_numbers/:id': {
        const n = this.inventory.ownedNumber(id);
        if (!n) throw TelnyxErrors.resourceNotFound('phone number', id);
        const json = { ...this.ownedJson(n), status: 'deleted', updated_at: iso(this.now()) };
        this.inventory.release(id);
        return { status: 200, json: { data: json } };
      }
    }
    throw TelnyxErrors.routeNotFound(path);
  }

  private search(q: URLSearchParams): Reply {
    const errors: TelnyxErrorItem[] = [];
    const check = <T>(fn: () => T): T | undefined => {
      try {
        return fn();
      } catch (err) {
        if (!(err instanceof TelnyxApiError)) throw err;
        errors.push(...err.errors);
        return undefined;
      }
    };
    const search: NumberSearch = {
      countryCode: check(() => countryCode(q)),
      nationalDestinationCode: check(() => digitsParam(q, 'filter[national_destination_code]')),
      contains: check(() => pattern(q, 'filter[phone_number][contains]')),
      startsWith: check(() => pattern(q, 'filter[phone_number][starts_with]')),
      endsWith: check(() => pattern(q, 'filter[phone_number][ends_with]')),
      features: check(() => features(q)) ?? [],
      locality: text(q, 'filter[locality]'),
      administrativeArea: text(q, 'filter[administrative_area]'),
      rateCenter: text(q, 'filter[rate_center]'),
      phoneNumberType: check(() => oneOf(q, 'filter[phone_number_type]', PHONE_NUMBER_TYPES)),
    };
    const limit = check(() => integer(q, 'filter[limit]', 1, SEARCH_LIMIT_MAX)) ?? SEARCH_LIMIT_MAX;
    for (const name of ['best_effort', 'quickship', 'reservable', 'exclude_held_numbers']) {
      check(() => boolean(q, `filter[${name}]`));
    }
    if (errors.length) throw new TelnyxApiError(422, errors);
    const found = this.inventory.search(search);
    // Telnyx returns both `meta` and `metadata` (the SDK types both).
    const meta = { total_results: found.length, best_effort_results: 0 };
    return {
      status: 200,
      json: { data: found.slice(0, limit).map(availableJson), meta, metadata: meta },
    };
  }

  private createOrder(body: Body): Reply {
    const errors: TelnyxErrorItem[] = [];
    const numbers: string[] = [];
    const items = body.phone_numbers;
    if (!Array.isArray(items) || items.length === 0) {
      errors.push(...TelnyxErrors.missingParameter('/phone_numbers').errors);
    } else {
      items.forEach((item: unknown, i) => {
        const pointer = `/phone_numbers/${i}/phone_number`;
        const value = (item as { phone_number?: unknown } | null)?.phone_number;
        if (typeof item !== 'object' || item === null || Array.isArray(item)) {
          errors.push(
            ...TelnyxErrors.invalidParameter(`/phone_numbers/${i}`, 'Each entry must be an object.').errors,
          );
        } else if (value === undefined || value === null || value === '') {
          errors.push(...TelnyxErrors.missingParameter(pointer).errors);
        } else if (typeof value !== 'string' || !E164.test(value)) {
          errors.push(...TelnyxErrors.notE164(pointer).errors);
        } else numbers.push(value);
      });
    }
    for (const key of ['connection_id', 'customer_reference', 'billing_group_id', 'messaging_profile_id']) {
      if (body[key] !== undefined && body[key] !== null && typeof body[key] !== 'string') {
        errors.push(...TelnyxErrors.invalidParameter(`/${key}`, `'${key}' must be a string.`).errors);
      }
    }
    const connectionId = body.connection_id as string | undefined;
    if (typeof connectionId === 'string' && connectionId !== this.connectionId) {
      errors.push(...TelnyxErrors.invalidConnectionId().errors);
    }
    if (errors.length) throw new TelnyxApiError(422, errors);

    // Every number or none: one unavailable number refuses the whole order.
    const seen = new Set<string>();
    const unavailable = numbers.flatMap((n, i) => {
      const taken = seen.has(n) || !this.inventory.isAvailable(n);
      seen.add(n);
      return taken ? TelnyxErrors.numberNotAvailable(`/phone_numbers/${i}/phone_number`, n).errors : [];
    });
    if (unavailable.length) throw new TelnyxApiError(422, unavailable);

    const order = this.inventory.placeOrder(
      {
        phoneNumbers: numbers,
        connectionId,
        customerReference: body.customer_reference as string | undefined,
        billingGroupId: body.billing_group_id as string | undefined,
        messagingProfileId: body.messaging_profile_id as string | undefined,
      },
      this.now(),
    );
    return { status: 200, json: { data: this.orderJson(order) } };
  }

  private listOrders(q: URLSearchParams): Reply {
    const status = oneOf(q, 'filter[status]', ORDER_STATUSES);
    const reference = text(q, 'filter[customer_reference]');
    const now = this.now();
    const orders = this.inventory
      .allOrders()
      .filter((o) => (status === undefined || orderStatus(o, now) === status) && matches(reference, o));
    return paged(q, orders, (o) => this.orderJson(o));
  }

  private listOwned(q: URLSearchParams): Reply {
    const wanted = q.get('filter[phone_number]') ?? undefined;
    const digits = wanted?.replace(/^\+/, '');
    if (digits !== undefined && /^\d*$/.test(digits) && digits.length < 3) {
      throw TelnyxErrors.invalidQuery('filter[phone_number]', 'Requires at least three digits.', 'range');
    }
    const status = oneOf(q, 'filter[status]', OWNED_STATUSES);
    const connection = text(q, 'filter[connection_id]');
    const reference = text(q, 'filter[customer_reference]');
    const sort = oneOf(q, 'sort', [
      'purchased_at',
      'phone_number',
      'connection_name',
      'usage_payment_method',
    ]);
    const now = this.now();
    const owned = this.inventory.allOwned().filter(
      (n) =>
        // Telnyx: "Non-numerical characters will result in no values being returned."
        (digits === undefined || (/^\d+$/.test(digits) && n.phoneNumber.includes(digits))) &&
        (status === undefined || ownedStatus(n, now) === status) &&
        (connection === undefined || n.connectionId === connection) &&
        matches(reference, n),
    );
    if (sort === 'phone_number') owned.sort((a, b) => a.phoneNumber.localeCompare(b.phoneNumber));
    if (sort === 'purchased_at') owned.sort((a, b) => a.createdAtMs - b.createdAtMs);
    return paged(q, owned, (n) => this.ownedJson(n));
  }

  private orderJson(o: NumberOrder): Record<string, unknown> {
    const status = orderStatus(o, this.now());
    return {
      id: o.id,
      record_type: 'number_order',
      phone_numbers: o.lines.map((l) => ({
        id: l.id,
        record_type: 'number_order_phone_number',
        phone_number: l.phoneNumber,
        country_code: 'US',
        phone_number_type: 'local',
        regulatory_requirements: [],
        requirements_met: true,
        requirements_status: 'approved',
        status,
      })),
      phone_numbers_count: o.lines.length,
      connection_id: o.connectionId,
      customer_reference: o.customerReference,
      billing_group_id: o.billingGroupId,
      messaging_profile_id: o.messagingProfileId,
      status,
      requirements_met: true,
      sub_number_orders_ids: [o.subOrderId],
      created_at: iso(o.createdAtMs),
      updated_at: iso(status === 'success' ? o.completeAtMs : o.createdAtMs),
    };
  }

  private ownedJson(n: OwnedNumber): Record<string, unknown> {
    const status = ownedStatus(n, this.now());
    return {
      id: n.id,
      record_type: 'phone_number',
      phone_number: n.phoneNumber,
      status,
      phone_number_type: 'local',
      country_iso_alpha2: 'US',
      tags: [],
      external_pin: null,
      deletion_lock_enabled: false,
      connection_id: n.connectionId,
      connection_name: null,
      customer_reference: n.customerReference,
      billing_group_id: n.billingGroupId,
      messaging_profile_id: null,
      messaging_profile_name: null,
      emergency_enabled: false,
      emergency_address_id: null,
      emergency_status: 'disabled',
      call_forwarding_enabled: true,
      cnam_listing_enabled: false,
      caller_id_name_enabled: false,
      call_recording_enabled: false,
      t38_fax_gateway_enabled: false,
      hd_voice_enabled: false,
      inbound_call_screening: 'disabled',
      source_type: 'number_order',
      purchased_at: iso(n.createdAtMs),
      activated_at: status === 'active' ? iso(n.activeAtMs) : null,
      created_at: iso(n.createdAtMs),
      updated_at: iso(status === 'active' ? n.activeAtMs : n.createdAtMs),
    };
  }
}

function availableJson(a: AvailableNumber): Record<string, unknown> {
  return {
    record_type: 'available_phone_number',
    phone_number: a.phoneNumber,
    vanity_format: '',
    best_effort: false,
    quickship: true,
    reservable: true,
    region_information: [
      { region_type: 'rate_center', region_name: a.areaCode.rateCenter },
      { region_type: 'location', region_name: a.areaCode.locality },
      { region_type: 'state', region_name: a.areaCode.state },
      { region_type: 'country_code', region_name: 'US' },
    ],
    cost_information: { upfront_cost: '1.00', monthly_cost: '1.00', currency: 'USD' },
    features: a.features.map((name) => ({ name })),
  };
}

function matches(reference: string | undefined, x: { customerReference: string | null }): boolean {
  return reference === undefined || x.customerReference === reference;
}

/** Telnyx's page[number]/page[size] pagination with `meta.total_pages` (what the SDK follows). */
function paged<T>(q: URLSearchParams, all: T[], toJson: (x: T) => unknown): Reply {
  const number = integer(q, 'page[number]', 1, Number.MAX_SAFE_INTEGER) ?? 1;
  const size = integer(q, 'page[size]', 1, PAGE_SIZE_MAX) ?? 20;
  const data = all.slice((number - 1) * size, number * size).map(toJson);
  const meta = {
    page_number: number,
    page_size: size,
    total_pages: Math.ceil(all.length / size),
    total_results: all.length,
  };
  return { status: 200, json: { data, meta } };
}

function text(q: URLSearchParams, name: string): string | undefined {
  const v = q.get(name);
  return v === null || v === '' ? undefined : v;
}

function countryCode(q: URLSearchParams): string | undefined {
  const v = text(q, 'filter[country_code]');
  if (v !== undefined && !/^[A-Za-z]{2}$/.test(v)) {
    throw TelnyxErrors.invalidQuery('filter[country_code]', 'Must be an ISO 3166-1 alpha-2 country code.');
  }
  return v?.toUpperCase();
}

function digitsParam(q: URLSearchParams, name: string): string | undefined {
  const v = text(q, name);
  if (v !== undefined && !/^\d{1,6}$/.test(v)) throw TelnyxErrors.invalidQuery(name, 'Must be digits only.');
  return v;
}

/** A number pattern: digits, or letters read as on a keypad (vanity numbers). */
function pattern(q: URLSearchParams, name: string): string | undefined {
  const v = text(q, name);
  if (v === undefined) return undefined;
  if (!/^[0-9A-Za-z]{1,15}$/.test(v)) {
    throw TelnyxErrors.invalidQuery(name, 'Must be 1 to 15 digits or letters.');
  }
  return [...v.toUpperCase()].map((c) => KEYPAD[c] ?? c).join('');
}

/** `filter[features]=voice,sms` (the SDK's form), or repeated `filter[features][]=…`. */
function features(q: URLSearchParams): NumberFeature[] {
  const values = [...q.entries()]
    .filter(([k]) => /^filter\[features\](\[\d*\])?$/.test(k))
    .flatMap(([, v]) => v.split(','))
    .filter((v) => v !== '');
  const bad = values.find((v) => !(NUMBER_FEATURES as readonly string[]).includes(v));
  if (bad !== undefined) {
    throw TelnyxErrors.invalidQuery(
      'filter[features]',
      `'${bad}' is not a feature; use: ${NUMBER_FEATURES.join(', ')}.`,
      'enum',
    );
  }
  return values as NumberFeature[];
}

function oneOf(q: URLSearchParams, name: string, allowed: readonly string[]): string | undefined {
  const v = text(q, name);
  if (v !== undefined && !allowed.includes(v)) {
    throw TelnyxErrors.invalidQuery(name, `The value must be one of: ${allowed.join(', ')}.`, 'enum');
  }
  return v;
}

function integer(q: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const v = text(q, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw TelnyxErrors.invalidQuery(name, 'Must be an integer.');
  const n = Number(v);
  if (n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`;
    throw TelnyxErrors.invalidQuery(name, `Must be ${range}.`, 'range');
  }
  return n;
}

function boolean(q: URLSearchParams, name: string): boolean | undefined {
  const v = text(q, name);
  if (v === undefined) return undefined;
  if (v !== 'true' && v !== 'false') throw TelnyxErrors.invalidQuery(name, "Must be 'true' or 'false'.");
  return v === 'true';
}
