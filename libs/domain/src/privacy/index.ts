// Privacy rules: retention policies (and, beside them, what erasure needs).
export * from './retention-policy';
