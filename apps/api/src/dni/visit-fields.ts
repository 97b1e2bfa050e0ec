/** What a visit's URLs say about it: the columns of visitor_sessions derived from the landing page. */
export interface VisitFields {
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  /** The search keyword: utm_term, else the landing page's `q` (site search or a search engine's). */
  keyword: string | null;
  /** utm_campaign. */
  campaign: string | null;
}

function param(url: URL, name: string): string | null {
  const v = url.searchParams.get(name);
  return v && v.trim() !== '' ? v.trim().slice(0, 500) : null;
}

export function visitFields(landingUrl: string): VisitFields {
  const url = new URL(landingUrl);
  const utmTerm = param(url, 'utm_term');
  const utmCampaign = param(url, 'utm_campaign');
  return {
    utmSource: param(url, 'utm_source'),
    utmMedium: param(url, 'utm_medium'),
    utmCampaign,
    utmTerm,
    utmContent: param(url, 'utm_content'),
    keyword: utmTerm ?? param(url, 'q'),
    campaign: utmCampaign,
  };
}
