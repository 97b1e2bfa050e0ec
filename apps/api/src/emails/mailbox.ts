/**
 * Mailbox strings as inbound-email providers post them: a bare address (`jane@example.com`) or a
 * header form with a display name (`"Jane Doe" <jane@example.com>`). Deliberately not a full
 * RFC 5322 parser: providers have already parsed the message; this only pulls the address out.
 */
export interface Mailbox {
  name?: string;
  address: string;
}

const ADDRESS = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

export function parseMailbox(raw: string): Mailbox | null {
  const s = raw.trim();
  const angled = /^(.*)<([^<>]+)>$/.exec(s);
  const address = (angled ? angled[2] : s).trim();
  if (!ADDRESS.test(address) || address.length > 320) return null;
  const name = angled?.[1]
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
  return name ? { name, address } : { address };
}

/** `local@domain` → its parts, the domain lower-cased (domains are case-insensitive). */
export function splitAddress(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@');
  return { local: address.slice(0, at), domain: address.slice(at + 1).toLowerCase() };
}
