import type { ReactNode } from 'react';

/**
 * A settings form: submitting stays in the page (no navigation), and every control is disabled
 * while a save runs or for a key that may only read.
 */
export function EditForm({
  className,
  disabled,
  plain = false,
  onSubmit,
  children,
}: {
  className: string;
  disabled: boolean;
  /** A fieldset without its own border, for forms laid out in rows. */
  plain?: boolean;
  onSubmit: () => void;
  children: ReactNode;
}) {
  return (
    <form
      className={className}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <fieldset disabled={disabled} className={plain ? 'plain' : undefined}>
        {children}
      </fieldset>
    </form>
  );
}
