/*
 * What applying a bundle, and importing from another property, answer. Response classes, types
 * only (read by the OpenAPI plugin): BundlesService builds plain objects (ApplyResult, ImportResult).
 */
import type { ImportKind } from './dto';

/** What an apply did (or, in a dry run, would do) to one kind, by id, name or number. */
export class KindChangesView {
  created: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
}

/** Each kind of a bundle, plus the property's own settings (`time_zone`, `default_flow`). */
export class BundleChangesByKindView {
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
  /** True: nothing was written; the changes are what applying would do. */
  dryRun: boolean;
  prune: boolean;
  /** Whether anything was (would be) written. */
  changed: boolean;
  changes: BundleChangesByKindView;
}

export class ImportResultView extends ApplyResultView {
  fromPropertyId: string;
  /** schedules, audio, agents, ring_groups, voicemail_boxes, flows, default_routing */
  include: ImportKind[];
}
