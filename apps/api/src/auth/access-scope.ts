/** What the key of the current request may reach. Attached to the request by the AuthGuard. */
export interface AccessScope {
  accountId: string;
  keyId: string;
  readOnly: boolean;
  /** Properties the key is limited to; null = every property of the account. */
  propertyIds: readonly string[] | null;
}

/** Whether the key may act on this property id, assuming the property belongs to its account. */
export function keyAllowsProperty(scope: AccessScope, propertyId: string): boolean {
  return scope.propertyIds === null || scope.propertyIds.includes(propertyId);
}

/** Keys limited to properties or read-only cannot mint keys or change what the account owns. */
export function isUnrestricted(scope: AccessScope): boolean {
  return !scope.readOnly && scope.propertyIds === null;
}
