import type { ReactNode } from 'react';
import { Link, navigate, useLocation } from './router';
import { ACCOUNT_SECTIONS, PROPERTY_SECTIONS, propertyPath } from './sections';
import { useSession } from './session';

/** The frame around every screen: account, key, property switcher, navigation, then the screen. */
export function Layout({ propertyId, children }: { propertyId: string | undefined; children: ReactNode }) {
  const { account, readOnly, properties, signOut } = useSession();
  const { path } = useLocation();
  const section = /^\/p\/[^/]+\/([^/]+)/.exec(path)?.[1] ?? 'flows';
  const current = propertyId ?? properties[0]?.id;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Switchboard</span>
        <span className="account">{account.name}</span>
        {readOnly && <span className="badge">read-only key</span>}
        <label className="switcher">
          <span>Property</span>
          <select
            value={current ?? ''}
            onChange={(e) => navigate(propertyPath(e.target.value, section))}
            disabled={properties.length === 0}
          >
            {properties.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="link-button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <nav className="sidenav" aria-label="Sections">
        {current && (
          <ul>
            {PROPERTY_SECTIONS.map((s) => (
              <NavItem key={s.slug} to={propertyPath(current, s.slug)} label={s.label} path={path} />
            ))}
          </ul>
        )}
        <ul>
          {ACCOUNT_SECTIONS.map((s) => (
            <NavItem key={s.slug} to={`/${s.slug}`} label={s.label} path={path} />
          ))}
        </ul>
      </nav>
      <main id="main">{children}</main>
    </div>
  );
}

function NavItem({ to, label, path }: { to: string; label: string; path: string }) {
  const active = path === to || path.startsWith(`${to}/`);
  return (
    <li>
      <Link to={to} aria-current={active ? 'page' : undefined}>
        {label}
      </Link>
    </li>
  );
}
