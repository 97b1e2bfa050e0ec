/** One field-level remark on a saved body: a warning the save went ahead despite. */
export class FieldIssue {
  /** The field it is about, as a path into the body (`weekly[0].start`). */
  field: string;

  message: string;
}
