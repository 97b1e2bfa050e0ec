import { randomUUID } from 'node:crypto';

/**
 * The simulator's phone-number inventory: what `GET /v2/available_phone_numbers` offers, what
 * number orders buy and what the account owns. Pure state, no HTTP (number-api.ts speaks Telnyx).
 *
 * The inventory is generated, not stored: each modelled US area code offers its 100 numbers
 * `NPA-555-0100` … `NPA-555-0199` (the range reserved for fiction, so a demo can never ring anyone),
 * minus the numbers the account owns. Tests can therefore name numbers before searching.
 */

interface AreaCode {
  npa: string;
  locality: string;
  state: string;
  rateCenter: string;
}

/** Area codes with inventory; any other national destination code has none (empty search). */
const AREA_CODES: readonly AreaCode[] = [
  { npa: '312', locality: 'Chicago', state: 'IL', rateCenter: 'CHICAGO ZONE 1' },
  { npa: '773', locality: 'Chicago', state: 'IL', rateCenter: 'CHICAGO ZONE 2' },
  { npa: '212', locality: 'New York', state: 'NY', rateCenter: 'NEW YORK CITY' },
  { npa: '646', locality: 'New York', state: 'NY', rateCenter: 'NEW YORK CITY' },
  { npa: '415', locality: 'San Francisco', state: 'CA', rateCenter: 'SAN FRANCISCO' },
  { npa: '213', locality: 'Los Angeles', state: 'CA', rateCenter: 'LOS ANGELES' },
  { npa: '512', locality: 'Austin', state: 'TX', rateCenter: 'AUSTIN' },
  { npa: '737', locality: 'Austin', state: 'TX', rateCenter: 'AUSTIN' },
  { npa: '720', locality: 'Denver', state: 'CO', rateCenter: 'DENVER' },
  { npa: '303', locality: 'Denver', state: 'CO', rateCenter: 'DENVER' },
  { npa: '617', locality: 'Boston', state: 'MA', rateCenter: 'BOSTON' },
  { npa: '206', locality: 'Seattle', state: 'WA', rateCenter: 'SEATTLE' },
  { npa: '305', locality: 'Miami', state: 'FL', rateCenter: 'MIAMI' },
  { npa: '404', locality: 'Atlanta', state: 'GA', rateCenter: 'ATLANTA' },
  { npa: '602', locality: 'Phoenix', state: 'AZ', rateCenter: 'PHOENIX' },
];
const BY_NPA = new Map(AREA_CODES.map((a) => [a.npa, a]));
const INVENTORY_NUMBER = /^\+1([2-9]\d\d)55501(\d\d)$/;

export const NUMBER_FEATURES = [
  'sms',
  'mms',
  'voice',
  'fax',
  'emergency',
  'hd_voice',
  'international_sms',
  'local_calling',
] as const;
export type NumberFeature = (typeof NUMBER_FEATURES)[number];

/** Lines ending in 9 are voice-only, so that a features filter has something to exclude. */
function featuresOf(line: number): NumberFeature[] {
  return line % 10 === 9 ? ['voice', 'fax', 'emergency'] : ['sms', 'mms', 'voice', 'fax', 'emergency'];
}

export interface AvailableNumber {
  phoneNumber: string;
  areaCode: AreaCode;
  features: NumberFeature[];
}

export interface NumberSearch {
  /** ISO alpha-2, upper case. Only US has inventory. */
  countryCode?: string;
  nationalDestinationCode?: string;
  /** Digit patterns (letters already mapped to keypad digits). */
  contains?: string;
  startsWith?: string;
  endsWith?: string;
  features: readonly NumberFeature[];
  locality?: string;
  administrativeArea?: string;
  rateCenter?: string;
  phoneNumberType?: string;
}

export type OwnedStatus = 'purchase-pending' | 'active';

export interface OwnedNumber {
  id: string;
  phoneNumber: string;
  orderId: string;
  connectionId: string | null;
  customerReference: string | null;
  billingGroupId: string | null;
  createdAtMs: number;
  /** When the order completes and the number becomes active. */
  activeAtMs: number;
}

export interface NumberOrder {
  id: string;
  subOrderId: string;
  /** Order line ids (`number_order_phone_number`), one per number, in request order. */
  lines: { id: string; phoneNumber: string }[];
  connectionId: string | null;
  customerReference: string | null;
  billingGroupId: string | null;
  messagingProfileId: string | null;
  createdAtMs: number;
  completeAtMs: number;
}

export interface OrderRequest {
  phoneNumbers: string[];
  connectionId?: string;
  customerReference?: string;
  billingGroupId?: string;
  messagingProfileId?: string;
}

/** Telnyx phone-number ids are 19-digit decimal strings. */
const PHONE_NUMBER_ID_BASE = 1293384261075700000n;

export class NumberInventory {
  private readonly owned = new Map<string, OwnedNumber>();
  private readonly byNumber = new Map<string, OwnedNumber>();
  private readonly orders = new Map<string, NumberOrder>();
  private nextId = 1n;

  /** `orderDelayMs`: real time an order stays `pending` (0: complete at once). */
  constructor(private readonly orderDelayMs: number) {}

  /** Every match, in inventory order (the API applies `filter[limit]`). */
  search(q: NumberSearch): AvailableNumber[] {
    if ((q.countryCode ?? 'US') !== 'US') return [];
    if (q.phoneNumberType && q.phoneNumberType !== 'local') return [];
    const out: AvailableNumber[] = [];
    for (const areaCode of AREA_CODES) {
      if (!areaMatches(areaCode, q)) continue;
      for (let line = 0; line < 100; line++) {
        const phoneNumber = `+1${areaCode.npa}55501${String(line).padStart(2, '0')}`;
        if (this.byNumber.has(phoneNumber)) continue;
        const features = featuresOf(line);
        if (!q.features.every((f) => features.includes(f))) continue;
        // With an NDC filter, Telnyx matches patterns against the rest of the number.
        const digits = phoneNumber.slice(q.nationalDestinationCode ? 5 : 2);
        if (q.contains && !digits.includes(q.contains)) continue;
        if (q.startsWith && !digits.startsWith(q.startsWith)) continue;
        if (q.endsWith && !digits.endsWith(q.endsWith)) continue;
        out.push({ phoneNumber, areaCode, features });
      }
    }
    return out;
  }

  /** In the generated inventory and not owned: what an order may buy. */
  isAvailable(phoneNumber: string): boolean {
    const m = INVENTORY_NUMBER.exec(phoneNumber);
    return m !== null && BY_NPA.has(m[1]) && !this.byNumber.has(phoneNumber);
  }

  areaCodeOf(phoneNumber: string): AreaCode | undefined {
    return BY_NPA.get(phoneNumber.slice(2, 5));
  }

  /** Buys every number at once; the caller checked `isAvailable` for each. */
  placeOrder(r: OrderRequest, nowMs: number): NumberOrder {
    const order: NumberOrder = {
      id: randomUUID(),
      subOrderId: randomUUID(),
      lines: r.phoneNumbers.map((phoneNumber) => ({ id: randomUUID(), phoneNumber })),
      connectionId: r.connectionId ?? null,
      customerReference: r.customerReference ?? null,
      billingGroupId: r.billingGroupId ?? null,
      messagingProfileId: r.messagingProfileId ?? null,
      createdAtMs: nowMs,
      completeAtMs: nowMs + this.orderDelayMs,
    };
    this.orders.set(order.id, order);
    for (const { phoneNumber } of order.lines) {
      const n: OwnedNumber = {
        id: String(PHONE_NUMBER_ID_BASE + this.nextId++),
        phoneNumber,
        orderId: order.id,
        connectionId: order.connectionId,
        customerReference: order.customerReference,
        billingGroupId: order.billingGroupId,
        createdAtMs: nowMs,
        activeAtMs: order.completeAtMs,
      };
      this.owned.set(n.id, n);
      this.byNumber.set(phoneNumber, n);
    }
    return order;
  }

  order(id: string): NumberOrder | undefined {
    return this.orders.get(id);
  }

  /** Newest first, as Telnyx lists them. */
  allOrders(): NumberOrder[] {
    return [...this.orders.values()].reverse();
  }

  ownedNumber(id: string): OwnedNumber | undefined {
    return this.owned.get(id);
  }

  /** Newest first (Telnyx's default sort is created_at descending). */
  allOwned(): OwnedNumber[] {
    return [...this.owned.values()].reverse();
  }

  /**
   * Deletes the number from the account. It goes straight back to the inventory (real Telnyx ages
   * released numbers before offering them again).
   */
  release(id: string): OwnedNumber | undefined {
    const n = this.owned.get(id);
    if (!n) return undefined;
    this.owned.delete(id);
    this.byNumber.delete(n.phoneNumber);
    return n;
  }

  /** Forgets every order and owned number (POST /sim/reset); returns how many numbers went back. */
  reset(): number {
    const released = this.owned.size;
    this.owned.clear();
    this.byNumber.clear();
    this.orders.clear();
    return released;
  }
}

export function ownedStatus(n: OwnedNumber, nowMs: number): OwnedStatus {
  return nowMs >= n.activeAtMs ? 'active' : 'purchase-pending';
}

export function orderStatus(o: NumberOrder, nowMs: number): 'pending' | 'success' {
  return nowMs >= o.completeAtMs ? 'success' : 'pending';
}

function areaMatches(a: AreaCode, q: NumberSearch): boolean {
  const same = (want: string | undefined, have: string) =>
    want === undefined || want.toLowerCase() === have.toLowerCase();
  return (
    (q.nationalDestinationCode === undefined || q.nationalDestinationCode === a.npa) &&
    same(q.locality, a.locality) &&
    same(q.administrativeArea, a.state) &&
    same(q.rateCenter, a.rateCenter)
  );
}
