import { Injectable } from '@nestjs/common';
import { diffSnapshots, snapshotToBundle, type Bundle, type ConfigSnapshot } from '@switchboard/bundle';
import { PropertyRepository, Transactions, type Tx } from '@switchboard/persistence';
import type { AccessScope } from '../auth/access-scope';
import { PropertyAccess } from '../auth/property-access';
import { ApiError } from '../common/api-error';
import { AudioService } from '../resources/audio/audio.service';
import { checkBundle } from './bundle-check';
import type { ApplyResultView as ApplyResult, ImportResultView as ImportResult } from './bundle-result.view';
import { BundleWriter } from './bundle-writer';
import { ConfigSnapshotReader } from './config-snapshot';
import { IMPORT_KINDS, type ImportDto, type ImportKind } from './dto';

/**
 * A property's whole configuration as one document (libs/bundle): exported,
 * applied all-or-nothing, and copied between properties (import = export, filter, apply: one path).
 */
@Injectable()
export class BundlesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly properties: PropertyRepository,
    private readonly reader: ConfigSnapshotReader,
    private readonly writer: BundleWriter,
    private readonly audio: AudioService,
    private readonly access: PropertyAccess,
  ) {}

  /** The property's configuration as `tx` sees it (404 when there is no such property). */
  private async snapshot(propertyId: string, tx: Tx): Promise<ConfigSnapshot> {
    const snapshot = await this.reader.read(propertyId, tx);
    if (!snapshot) throw ApiError.notFound('property', propertyId);
    return snapshot;
  }

  /** One consistent read of everything (REPEATABLE READ), then the audio bytes by id. */
  async export(propertyId: string): Promise<Bundle> {
    const snapshot = await this.transactions.run((tx) => this.snapshot(propertyId, tx), {
      isolation: 'REPEATABLE READ',
    });
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
        if (!(await this.properties.lockForUpdate(propertyId, tx)))
          throw ApiError.notFound('property', propertyId);
        const before = await this.snapshot(propertyId, tx);
        await this.writer.write(tx, propertyId, checked, { settings, prune: opts.prune });
        const after = await this.snapshot(propertyId, tx);
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
