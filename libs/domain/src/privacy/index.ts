// Privacy rules: retention policies, and who an erasure or an export is about.
export * from './retention-policy';
export * from './subject';
