import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A named, reusable call flow of a property; its definition lives in versions. */
@Entity({ name: 'call_flows' })
export class CallFlowEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'property_id', type: 'uuid' })
  propertyId: string;

  @Column({ type: 'text' })
  name: string;

  /** The version new calls get; older versions stay for calls that started on them. */
  @Column({ name: 'current_version', type: 'integer' })
  currentVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One immutable saved definition of a call flow (libs/domain's CallFlow as JSON). */
@Entity({ name: 'call_flow_versions' })
export class CallFlowVersionEntity {
  @PrimaryColumn({ name: 'flow_id', type: 'uuid' })
  flowId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  definition: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
