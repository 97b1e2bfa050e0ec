import type { EntityManager } from 'typeorm';
import { CallFlowEntity } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';

/**
 * A flow a property routes to (a tracking number's, the property's default) must be one of that
 * property's own flows: 422 naming `field` otherwise. Null or absent means "no flow" and passes.
 */
export async function checkFlowOfProperty(
  m: EntityManager,
  propertyId: string,
  callFlowId: string | null | undefined,
  field = 'callFlowId',
): Promise<void> {
  if (!callFlowId) return;
  if (!(await m.getRepository(CallFlowEntity).exists({ where: { id: callFlowId, propertyId } })))
    throw ApiError.invalid([
      { field, message: `callFlowId ${callFlowId} is not a call flow of this property` },
    ]);
}
