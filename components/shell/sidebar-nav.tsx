'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { parseAsString, useQueryState } from 'nuqs';

const items = [
  { href: '/signals', label: 'Signals' },
  { href: '/accounts', label: 'Accounts' },
  { href: '/cohorts', label: 'Cohorts' },
  { href: '/connections', label: 'Connections' },
  { href: '/events', label: 'Events' },
  { href: '/settings', label: 'Settings' },
];

export function SidebarNav() {
  const pathname = usePathname();
  // Links keep the selected environment, so moving between pages stays in it.
  const [env] = useQueryState('env', parseAsString.withDefault(''));
  const suffix = env ? `?env=${encodeURIComponent(env)}` : '';
  return (
    <nav aria-label="Main">
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link key={item.href} href={`${item.href}${suffix}`} aria-current={active ? 'page' : undefined}>
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
