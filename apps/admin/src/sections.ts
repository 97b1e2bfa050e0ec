/**
 * The console's sections, in the order the navigation lists them: one place for each section's
 * name and address. Property sections live under `/p/:propertyId/…` (the switcher keeps the
 * section when the property changes); account sections span every property the key reaches.
 */
export interface Section {
  /** The path segment after `/p/:propertyId/` (property sections) or `/` (account sections). */
  slug: string;
  label: string;
}

export const PROPERTY_SECTIONS: readonly Section[] = [
  { slug: 'flows', label: 'Call flows' },
  { slug: 'sources', label: 'Sources' },
  { slug: 'numbers', label: 'Tracking numbers' },
  { slug: 'schedules', label: 'Schedules' },
  { slug: 'agents', label: 'Agents' },
  { slug: 'ring-groups', label: 'Ring groups' },
  { slug: 'audio', label: 'Audio' },
  { slug: 'voicemail', label: 'Voicemail' },
  { slug: 'scoring', label: 'Scoring' },
  { slug: 'texts', label: 'Texts & emails' },
  { slug: 'forms', label: 'Forms' },
  { slug: 'dni', label: 'Website (DNI)' },
  { slug: 'webhooks', label: 'Webhooks' },
  { slug: 'conversions', label: 'Conversions' },
  { slug: 'bundle', label: 'Export & import' },
  { slug: 'settings', label: 'Property settings' },
];

export const ACCOUNT_SECTIONS: readonly Section[] = [
  { slug: 'calls', label: 'Call log' },
  { slug: 'reports', label: 'Reports' },
  { slug: 'live', label: 'Live calls' },
  { slug: 'properties', label: 'Properties' },
  { slug: 'account', label: 'Account & keys' },
  { slug: 'privacy', label: 'Privacy' },
  { slug: 'privacy-requests', label: 'Privacy requests' },
];

export const propertyPath = (propertyId: string, slug: string, rest = ''): string =>
  `/p/${encodeURIComponent(propertyId)}/${slug}${rest}`;
