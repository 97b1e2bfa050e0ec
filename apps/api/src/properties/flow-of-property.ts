import type { CallFlowRepository, Tx } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';

/**
 * A flow a property routes to (a tracking number's, the property's default) must be one of that
 * property's own flows: 422 naming `callFlowId` otherwise. Null or absent means "no flow" and passes.
 */
export async function checkFlowOfProperty(
  flows: CallFlowRepository,
  propertyId: string,
  callFlowId: string | null | undefined,
  tx?: Tx,
): Promise<void> {
  if (!callFlowId) return;
  if (!(await flows.exists(propertyId, callFlowId, tx)))
    throw ApiError.invalid([
      { field: 'callFlowId', message: `callFlowId ${callFlowId} is not a call flow of this property` },
    ]);
}
