import { CallPropertiesQuery } from '../dto';

/** `GET /v1/calls/live`: every property the key reaches, or one property, or a property list's. */
export class LiveCallsQuery extends CallPropertiesQuery {}
