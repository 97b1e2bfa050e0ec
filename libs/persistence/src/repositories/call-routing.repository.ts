import type { DataSource } from 'typeorm';

export interface TrackingNumberRoute {
  propertyId: string;
  propertyName: string;
  timeZone: string;
  trackingNumberId: string;
  number: string;
  sourceId: string;
  sourceName: string;
  forwardTo: string;
  greetingText: string | null;
  greetingAudioUrl: string | null;
}

/** Read side used by call workflows: everything needed to route a call to a tracking number. */
export class CallRoutingRepository {
  constructor(private readonly ds: DataSource) {}

  async findByNumber(number: string): Promise<TrackingNumberRoute | null> {
    const rows: TrackingNumberRoute[] = await this.ds.query(
      `SELECT p.id AS "propertyId", p.name AS "propertyName", p.time_zone AS "timeZone",
              n.id AS "trackingNumberId", n.number, s.id AS "sourceId", s.name AS "sourceName",
              n.forward_to AS "forwardTo", n.greeting_text AS "greetingText", n.greeting_audio_url AS "greetingAudioUrl"
         FROM tracking_numbers n
         JOIN properties p ON p.id = n.property_id
         JOIN tracking_sources s ON s.id = n.source_id
        WHERE n.number = $1`,
      [number],
    );
    return rows[0] ?? null;
  }
}
