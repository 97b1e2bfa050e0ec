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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
