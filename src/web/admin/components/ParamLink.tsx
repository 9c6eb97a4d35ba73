/** A link to the current page with one search parameter set or removed: the address of a record opened in a drawer, or of another unit's view. */
import type { CSSProperties, ReactNode } from 'react';
import { Link, useLocation } from 'react-router';

type Props = {
  /** The search parameter, e.g. `household`. */
  name: string;
  /** Its new value; null removes it. */
  value: string | number | null;
  children: ReactNode;
  className?: string;
  style?: CSSProperties;
  title?: string;
};

export function ParamLink({ name, value, children, ...rest }: Props) {
  const { pathname, search } = useLocation();
  const next = new URLSearchParams(search);
  if (value === null) next.delete(name);
  else next.set(name, String(value));
  const query = next.toString();
  return (
    <Link to={{ pathname, search: query ? `?${query}` : '' }} {...rest}>
      {children}
    </Link>
  );
}
