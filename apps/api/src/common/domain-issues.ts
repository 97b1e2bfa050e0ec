import type { ValidationIssue } from '@switchboard/domain';
import { ApiError, type FieldError } from './api-error';

/** A libs/domain issue as a field error; `prefix` is where the validated document sits in the body. */
export function issueField(issue: ValidationIssue, prefix = ''): FieldError {
  return { field: prefix ? `${prefix}.${issue.path}` : issue.path, message: issue.message };
}

/**
 * Runs a libs/domain validator on a request body. The validators assume the documented field
 * types; a body whose shape slipped past the DTO is the client's to fix (422 naming `field`),
 * never a 500.
 */
export function runDomainCheck<R>(field: string, check: () => R): R {
  try {
    return check();
  } catch {
    throw ApiError.invalid([{ field, message: 'is malformed (see the documented shape)' }]);
  }
}
