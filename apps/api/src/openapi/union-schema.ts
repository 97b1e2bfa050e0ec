import { ApiProperty, getSchemaPath } from '@nestjs/swagger';

type ViewClass = abstract new (...args: never[]) => unknown;

const variants = new Set<ViewClass>();

/** Every class a union names, which the document must define though no property names it alone. */
export function unionVariants(): ViewClass[] {
  return [...variants];
}

/**
 * A property whose type is a union of classes told apart by `tag` (`{kind: 'tts', …} | {kind:
 * 'audio', …}`): the swagger plugin renders a union of classes as a bare object and a lone string
 * literal as any string, so the union is declared here, as `oneOf` the variants, and each variant's
 * tag gets its value(s) as an enum (what lets a typed client narrow on it). The variants are
 * registered with the document through unionVariants(). A nullable union (`Prompt | null`) gets
 * its null alternative from refineOperations. No `discriminator`: without a `mapping`,
 * generated clients read it as the schemas' names.
 */
export function ApiUnion(
  tag: string,
  byTag: Record<string, ViewClass>,
  options: { isArray?: boolean } = {},
): PropertyDecorator {
  // A variant may stand for several tags (criteria on any of the session's fields).
  const tagsOf = new Map<ViewClass, string[]>();
  for (const [value, cls] of Object.entries(byTag)) tagsOf.set(cls, [...(tagsOf.get(cls) ?? []), value]);
  for (const [cls, values] of tagsOf) {
    variants.add(cls);
    ApiProperty({ enum: values })(cls.prototype as object, tag);
  }
  const oneOf = [...tagsOf.keys()].map((cls) => ({ $ref: getSchemaPath(cls as never) }));
  return ApiProperty({ ...(options.isArray ? { isArray: true } : {}), oneOf });
}
