import type { EntityManager } from 'typeorm';
import { PropertyEntity } from '@switchboard/persistence';
import { ApiError } from './api-error';

/**
 * Locks a property's row for the rest of the transaction (404 when there is none). Every write of
 * a property's resources and call flows takes it first, so a flow saved with a reference and a
 * delete of that resource never both pass their checks. NO KEY UPDATE leaves rows that merely
 * reference the property (call records, tracking numbers) free to be written meanwhile.
 */
export async function lockProperty(m: EntityManager, propertyId: string): Promise<PropertyEntity> {
  const p = await m
    .getRepository(PropertyEntity)
    .findOne({ where: { id: propertyId }, lock: { mode: 'for_no_key_update' } });
  if (!p) throw ApiError.notFound('property', propertyId);
  return p;
}
