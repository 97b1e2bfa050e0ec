import { registerDecorator, type ValidationOptions } from 'class-validator';
import { parseMailbox } from './mailbox';

/** A string holding one mailbox (`jane@example.com` or `"Jane" <jane@example.com>`). */
export function IsMailbox(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMailbox',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be an email address, optionally with a display name', ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && parseMailbox(v) !== null },
    });
}
