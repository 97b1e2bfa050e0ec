export * from './entities';
export * from './data-source';
export { Transactions, type Isolation, type Tx } from './transaction';
export * from './db-errors';
export { REPOSITORIES, type RepositoryClass } from './repositories';
export * from './repositories/carrier-event.repository';
export * from './repositories/call-routing.repository';
export * from './repositories/call-record.repository';
export * from './repositories/call-rollup.repository';
export * from './repositories/call-scoring.repository';
export * from './repositories/webhook.repository';
export * from './repositories/pool-hold.repository';
export * from './repositories/account.repository';
export * from './repositories/agent-directory.repository';
export * from './repositories/agent-session.repository';
export * from './repositories/api-key.repository';
export * from './repositories/health.repository';
export * from './repositories/property-access.repository';
export * from './repositories/property-list.repository';
export * from './repositories/tracking-number.repository';
export { MIGRATIONS } from './migrations';
export * from './repositories/property-resources.repository';
export * from './repositories/voicemail-message.repository';
export * from './repositories/agent.repository';
export * from './repositories/audio.repository';
export * from './repositories/call-flow.repository';
export * from './repositories/default-routing.repository';
export * from './repositories/property.repository';
export * from './repositories/ring-group.repository';
export * from './repositories/schedule.repository';
export * from './repositories/tracking-number.repository';
export * from './repositories/tracking-source.repository';
export * from './repositories/voicemail-box.repository';
export * from './repositories/resource-table';
export * from './repositories/recording.repository';
export * from './repositories/notification-secret.repository';
export * from './repositories/dni-access.repository';
export * from './repositories/text-notification.repository';
export * from './repositories/property.repository';
export * from './media/blob-store';
export * from './media/filesystem-blob-store';
export * from './media/signed-media-url';
export * from './reports/call-partials';
export * from './reports/call-rollup';
export type { CallFilter } from './reports/call-filter.sql';
export {
  CALL_LOG_SORTS,
  callLogCountQuery,
  callLogQuery,
  type CallLogRequest,
  type CallLogSort,
  type LinkAroundId,
} from './reports/call-log.query';
export { GROUP_BYS, type GroupBy } from './reports/group-by';
export { readThroughCursor, type NextRows, type RowConsumer } from './reports/row-cursor';
export { rollupCanAnswer, SUMMARY_COLUMNS, summaryQuery, type SummaryRequest } from './reports/summary.query';
export * from './repositories/call-report.repository';
export * from './repositories/dni-settings.repository';
export * from './repositories/number-pool.repository';
export * from './repositories/visitor-session.repository';
export * from './repositories/text-message.repository';
export * from './repositories/text-routing.repository';
export * from './repositories/email.repository';
export * from './notify/pg-channel';
export * from './repositories/form-submission.repository';
export * from './repositories/conversion-destination.repository';
export * from './repositories/conversion-rule.repository';
export * from './repositories/conversion.repository';
export * from './repositories/call-transcript.repository';
export * from './repositories/text-scoring.repository';
export * from './repositories/privacy-request.repository';
export * from './repositories/erasure.repository';
export * from './repositories/subject-export.repository';
export * from './repositories/retention-policy.repository';
export * from './repositories/retention-run.repository';
export * from './repositories/retention-purge.repository';
