/**
 * Operations are tagged by the area of their path rather than by decorators on each controller,
 * so a new endpoint lands in the right group without anyone remembering to tag it. The list's
 * order is the order Swagger UI shows the groups in.
 */
export const TAGS: readonly { name: string; description: string }[] = [
  {
    name: 'Accounts',
    description: 'Accounts and their API keys. Opening an account needs the ADMIN_TOKEN (docs/api.md).',
  },
  {
    name: 'Property lists',
    description: 'Named groups of properties, a filter of property and call lists (docs/api.md).',
  },
  { name: 'Properties', description: 'The businesses whose calls are tracked (docs/api.md).' },
  {
    name: 'Sources',
    description:
      'Marketing sources ("Zillow", "Google Ads") that calls are attributed to (docs/attribution.md).',
  },
  {
    name: 'Tracking numbers',
    description:
      "A property's numbers: each belongs to a source; ordered from and released to the carrier (docs/attribution.md).",
  },
  {
    name: 'Call flows',
    description:
      "Versioned call flows (libs/domain CallFlow JSON), dry runs, diagrams, the property's default (docs/flows.md).",
  },
  {
    name: 'Schedules',
    description: 'Property resource: weekly hours, holidays and special hours (docs/flows.md).',
  },
  {
    name: 'Agents',
    description: 'Property resource: who answers, by phone, SIP or browser (docs/flows.md, docs/agents.md).',
  },
  {
    name: 'Ring groups',
    description: 'Property resource: agents rung together, in turn or round robin (docs/flows.md).',
  },
  {
    name: 'Audio',
    description: 'Property resource: uploaded prompts, played to callers by public URL (docs/flows.md).',
  },
  {
    name: 'Voicemail',
    description: 'Property resource: voicemail boxes and the messages left in them (docs/flows.md).',
  },
  {
    name: 'Emails',
    description:
      "Tracked email: where a property's mail is forwarded, and the messages received (docs/texts-and-emails.md).",
  },
  {
    name: 'Texts',
    description:
      "SMS tracking: a property's text routing, and conversations with the people who texted its numbers (docs/texts-and-emails.md).",
  },
  {
    name: 'Bundles',
    description:
      "A property's configuration as one bundle (docs/schemas/bundle.schema.json): export, apply, import (docs/bundles.md).",
  },
  {
    name: 'DNI',
    description:
      'Dynamic number insertion: settings, keyword pools, and the public visitor endpoints (docs/attribution.md, docs/DNI.md).',
  },
  {
    name: 'Calls',
    description:
      'The call log: finished calls with their attribution, path, carrier events and timeline (docs/reports.md).',
  },
  {
    name: 'Reports',
    description:
      'Call aggregates by source, number, campaign, keyword, day, hour of week or agent over local days; CSV streamed (docs/reports.md).',
  },
  {
    name: 'Scoring',
    description:
      "A property's call-scoring rules (score 0–100 and lead status); calls are rescored when they change (docs/reports.md).",
  },
  {
    name: 'Outbound webhooks',
    description:
      "A property's webhook subscriptions (signed, retried), their delivery log and redelivery (docs/webhooks.md).",
  },
  {
    name: 'Agents in the browser',
    description:
      'The /agent softphone page and its api (docs/agents.md, docs/AGENT.md): sign-in links, agent sessions, presence, push channel, click-to-call.',
  },
  {
    name: 'Admin console',
    description:
      'The /admin page (apps/admin) and its assets; it signs in with an API key and calls this api (docs/admin-console.md).',
  },
  {
    name: 'Platform',
    description: "The platform operator's routes (ADMIN_TOKEN, never an account's key; docs/api.md).",
  },
  {
    name: 'Carrier webhooks',
    description:
      'Telnyx Call Control and inbound-email webhooks, authenticated by their signatures (docs/configuration.md, docs/texts-and-emails.md).',
  },
  {
    name: 'Media',
    description:
      'Audio prompts for the carrier and copies of call recordings, authenticated by the signature in their URL (docs/flows.md, docs/reports.md).',
  },
  { name: 'Health', description: 'Liveness and readiness (docs/operations.md).' },
  {
    name: 'Forms',
    description:
      "Web form submissions the DNI script captured: the form log and a lead's journey (docs/DNI.md, docs/reports.md).",
  },
  {
    name: 'Conversions',
    description:
      "A property's ad platform destinations and conversion rules, the conversions its leads earned with their delivery log, and the Google Ads upload file (docs/conversions.md).",
  },
  {
    name: 'Privacy',
    description:
      "Retention (the account's policy, a property's overrides, and the runs that enforce them) and the erasure and export of one person's data (a phone number or an email address) across the account, audited (docs/privacy.md).",
  },
];

/** The first path segment of an area (after `/v1` and `/properties/{propertyId}`) → its tag. */
const AREAS: Record<string, string> = {
  account: 'Accounts',
  accounts: 'Accounts',
  'api-keys': 'Accounts',
  'property-lists': 'Property lists',
  properties: 'Properties',
  sources: 'Sources',
  'standard-sources': 'Sources',
  'tracking-numbers': 'Tracking numbers',
  'available-numbers': 'Tracking numbers',
  'call-flows': 'Call flows',
  'default-routing': 'Call flows',
  schedules: 'Schedules',
  agents: 'Agents',
  'agent-presence': 'Agents',
  'ring-groups': 'Ring groups',
  audio: 'Audio',
  'voicemail-boxes': 'Voicemail',
  'email-routing': 'Emails',
  emails: 'Emails',
  'text-routing': 'Texts',
  conversations: 'Texts',
  bundle: 'Bundles',
  import: 'Bundles',
  calls: 'Calls',
  dni: 'DNI',
  reports: 'Reports',
  'scoring-rules': 'Scoring',
  'webhook-deliveries': 'Outbound webhooks',
  'notification-secret': 'Outbound webhooks',
  agent: 'Agents in the browser',
  admin: 'Admin console',
  pools: 'DNI',
  platform: 'Platform',
  webhooks: 'Carrier webhooks',
  media: 'Media',
  health: 'Health',
  forms: 'Forms',
  'conversion-destinations': 'Conversions',
  'conversion-rules': 'Conversions',
  conversions: 'Conversions',
  privacy: 'Privacy',
  retention: 'Privacy',
};

/** Areas under `/properties/{propertyId}` whose name means something else at the top level. */
const PROPERTY_AREAS: Record<string, string> = {
  webhooks: 'Outbound webhooks',
};

/** `/v1/properties/{propertyId}/ring-groups/{id}` → "Ring groups"; an unlisted area → its name ("Bundles"). */
export function tagForPath(path: string): string {
  const segs = path.split('/').filter((s) => s !== '' && !/^v\d+$/.test(s));
  const underProperty = segs[0] === 'properties' && segs.length > 2;
  const area = underProperty ? segs[2] : (segs[0] ?? '');
  const known = (underProperty ? PROPERTY_AREAS[area] : undefined) ?? AREAS[area];
  if (known) return known;
  const words = area.replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : 'Other';
}
