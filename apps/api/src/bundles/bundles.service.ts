import { Injectable } from '@nestjs/common';
import { Transactions } from '@switchboard/persistence';
import type { Bundle } from '@switchboard/scenarios';
import type { AccessScope } from '../auth/access-scope';
import { PropertyAccess } from '../auth/property-access';
import { PropertiesService } from '../properties/properties.service';
import { AudioService } from '../resources/audio/audio.service';
import { checkBundle } from './bundle-check';
import { diffSnapshots } from './bundle-diff';
import type { ApplyResultView as ApplyResult, ImportResultView as ImportResult } from './bundle-result.view';
import { BundleWriter } from './bundle-writer';
import { ConfigSnapshotReader, snapshotToBundle } from './config-snapshot';
import { IMPORT_KINDS, type ImportDto, type ImportKind } from './dto';

/**
 * A property's whole configuration as one document (docs/schemas/bundle.schema.json): exported,
 * applied all-or-nothing, and copied between properties (import = export, filter, apply: one path).
 */
@Injectable()
export class BundlesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly properties: PropertiesService,
    private readonly reader: ConfigSnapshotReader,
    private readonly writer: BundleWriter,
    private readonly audio: AudioService,
    private readonly access: PropertyAccess,
  ) {}

  /** One consistent read of everything (REPEATABLE READ), then the audio bytes by id. */
  async export(propertyId: string): Promise<Bundle> {
    const snapshot = await this.transactions.run(
      async (tx) => {
        await this.properties.getProperty(propertyId, tx);
        return this.reader.read(tx, propertyId);
      },
      { isolation: 'REPEATABLE READ' },
    );
    return snapshotToBundle(snapshot, (id) => this.audio.contentOf(propertyId, id));
  }

  /**
   * Checks the bundle, then writes it in one transaction holding the property's lock, and answers
   * with the difference between the property before and after. A dry run makes the same writes
   * and rolls them back. The bundle's property name is not applied (the path names the property).
   */
  async apply(
    propertyId: string,
    raw: unknown,
    opts: { dryRun: boolean; prune: boolean; settings?: boolean },
  ): Promise<ApplyResult> {
    const checked = await checkBundle(raw);
    const settings = opts.settings ?? true;
    const changes = await this.transactions.run(
      async (tx) => {
        await this.properties.lockProperty(propertyId, tx);
        const before = await this.reader.read(tx, propertyId);
        await this.writer.write(tx, propertyId, checked, { settings, prune: opts.prune });
        const after = await this.reader.read(tx, propertyId);
        return diffSnapshots(before, after, checked.bundle, { settings });
      },
      { rollback: opts.dryRun },
    );
    return { propertyId, dryRun: opts.dryRun, prune: opts.prune, ...changes };
  }

  /**
   * Copies the chosen kinds of another property the key reaches into this one. Resources keep
   * their ids, so the copied flows' references hold; flows are matched by name and get this
   * property's own ids. Sources, numbers and settings stay as they are; nothing is removed.
   */
  async import(scope: AccessScope, propertyId: string, dto: ImportDto): Promise<ImportResult> {
    await this.access.assertReach(scope, dto.fromPropertyId);
    const from = await this.export(dto.fromPropertyId.toLowerCase());
    const include = dto.include ?? [...IMPORT_KINDS];
    const has = (k: ImportKind) => include.includes(k);
    const bundle: Bundle = {
      property: from.property,
      sources: [],
      ...(has('schedules') ? { schedules: from.schedules } : {}),
      ...(has('agents') ? { agents: from.agents } : {}),
      ...(has('audio') ? { audio: from.audio } : {}),
      ...(has('ring_groups') ? { ring_groups: from.ring_groups } : {}),
      ...(has('voicemail_boxes') ? { voicemail_boxes: from.voicemail_boxes } : {}),
      ...(has('flows') ? { flows: from.flows } : {}),
      ...(has('default_routing') && from.default_flow !== undefined
        ? { default_flow: from.default_flow }
        : {}),
      numbers: [],
    };
    const result = await this.apply(propertyId, bundle, {
      dryRun: dto.dryRun ?? false,
      prune: false,
      settings: false,
    });
    return { ...result, fromPropertyId: dto.fromPropertyId.toLowerCase(), include };
  }
}
