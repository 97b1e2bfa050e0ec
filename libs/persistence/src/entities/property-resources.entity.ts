import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Resources of a property that call flows name by id: a slug unique within the property (see the
 * property-resources migration). The domain shapes live in libs/domain; rows hold them as JSON.
 */
abstract class PropertyResource {
  @PrimaryColumn({ name: 'property_id', type: 'uuid' })
  propertyId: string;

  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A named opening-hours schedule (libs/domain Schedule without id). */
@Entity({ name: 'schedules' })
export class ScheduleEntity extends PropertyResource {
  @Column({ type: 'jsonb' })
  definition: unknown;
}

/** Someone a ring group can ring. */
@Entity({ name: 'agents' })
export class AgentEntity extends PropertyResource {
  /** libs/domain AgentEndpoint */
  @Column({ type: 'jsonb' })
  endpoint: unknown;

  /** Unavailable agents are skipped by ring groups that skip unavailable members. */
  @Column({ type: 'boolean', default: true })
  available: boolean;
}

@Entity({ name: 'ring_groups' })
export class RingGroupEntity extends PropertyResource {
  /** libs/domain RingGroup without id and name; members are `{ agentId, ringTimeoutSeconds? }`. */
  @Column({ type: 'jsonb' })
  definition: unknown;

  /** Round-robin: the member index the next call starts on. Advanced atomically by the ring planner. */
  @Column({ name: 'rotation_pointer', type: 'integer', default: 0 })
  rotationPointer: number;
}

/** An uploaded prompt; the carrier fetches it from a signed `/media/audio/{publicId}` URL. */
@Entity({ name: 'audio_files' })
export class AudioFileEntity extends PropertyResource {
  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  /** Where the bytes are in the BlobStore; null for rows from before it, whose bytes are in `content`. */
  @Column({ name: 'storage_key', type: 'text', nullable: true })
  storageKey: string | null;

  /** The bytes of rows not yet moved to the BlobStore (the api moves them on first read). */
  @Column({ type: 'bytea', nullable: true, select: false })
  content: Buffer | null;

  /** Hex SHA-256 of the bytes: the same bytes uploaded again keep their public id. */
  @Column({ type: 'text' })
  sha256: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  /** The unguessable id in the media URL; a new one for every new content. */
  @Column({ name: 'public_id', type: 'uuid' })
  publicId: string;
}

@Entity({ name: 'voicemail_boxes' })
export class VoicemailBoxEntity extends PropertyResource {
  /** The agent whose box this is; null for the property's own boxes. */
  @Column({ name: 'agent_id', type: 'text', nullable: true })
  agentId: string | null;

  /** libs/domain Prompt played before the beep when the flow step has no greeting of its own. */
  @Column({ type: 'jsonb', nullable: true })
  greeting: unknown;

  /** Receives a signed `voicemail.received` event for every message. */
  @Column({ name: 'notify_webhook_url', type: 'text', nullable: true })
  notifyWebhookUrl: string | null;

  @Column({ name: 'notify_emails', type: 'text', array: true, default: () => "'{}'" })
  notifyEmails: string[];
}
