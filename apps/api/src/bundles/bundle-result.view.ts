/*
 * What `POST …/bundle/apply` and `POST …/import` answer: what was (in a dry run: would be) written.
 * Response classes, types only (read by the OpenAPI plugin); libs/bundle's diffSnapshots computes them.
 */
import type { ImportKind } from './dto';

/** One kind's items by the key a bundle names them by (id, name or number). */
export class KindChangesView {
  created: string[];
  updated: string[];
  /** Items the bundle names that are already as it says. */
  unchanged: string[];
  /** Only with `prune`; an import removes nothing. */
  removed: string[];
}

/** Each kind of a bundle (libs/bundle's CHANGE_KINDS), plus the property's own settings. */
export class BundleChangesByKindView {
  /** `time_zone` and `default_flow`. */
  settings: KindChangesView;
  sources: KindChangesView;
  schedules: KindChangesView;
  agents: KindChangesView;
  audio: KindChangesView;
  ring_groups: KindChangesView;
  voicemail_boxes: KindChangesView;
  flows: KindChangesView;
  numbers: KindChangesView;
}

export class ApplyResultView {
  propertyId: string;
  /** True: nothing was written; `changes` says what would have been. */
  dryRun: boolean;
  prune: boolean;
  /** Whether anything was (would be) written. */
  changed: boolean;
  changes: BundleChangesByKindView;
}

export class ImportResultView extends ApplyResultView {
  fromPropertyId: string;
  /** The kinds copied. */
  include: ImportKind[];
}
