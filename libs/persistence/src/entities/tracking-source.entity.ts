import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A marketing source calls are attributed to ("Zillow", "Google Ads", "Website"). */
@Entity({ name: 'tracking_sources' })
@Index('uq_tracking_sources_property_name', ['propertyId', 'name'], { unique: true })
export class TrackingSourceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'property_id', type: 'uuid' })
  propertyId: string;

  @Column({ type: 'text' })
  name: string;

  /** The catalog entry a standard source was made from (libs/domain STANDARD_SOURCES); null when custom. */
  @Column({ name: 'standard_key', type: 'text', nullable: true })
  standardKey: string | null;

  /** libs/domain DniRule[]: the website visits this source claims (attribution). */
  @Column({ name: 'dni_rules', type: 'jsonb', default: () => "'[]'" })
  dniRules: unknown[];

  /**
   * Under a first-touch property, a returning visitor arriving through this source is attributed
   * to it anyway (opt-in last touch, typical for paid clicks).
   */
  @Column({ name: 'dni_last_touch', type: 'boolean', default: false })
  lastTouch: boolean;

  /** Lower claims a visit first when several sources' rules match it. */
  @Column({ type: 'integer', default: 50 })
  priority: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
