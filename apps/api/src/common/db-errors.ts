/*
 * Recognising what PostgreSQL refused is libs/persistence's (db-errors.ts); each service maps it to
 * its HTTP answer. This re-export serves the files whose queries have not moved yet (issue 20) and
 * goes with the last of them.
 */
export { isForeignKeyViolation, isUniqueViolation } from '@switchboard/persistence';
