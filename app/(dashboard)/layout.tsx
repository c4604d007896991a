import type { ReactNode } from 'react';

import { EnvironmentSwitcher } from '@/components/shell/environment-switcher';
import { SidebarNav } from '@/components/shell/sidebar-nav';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { TurnedOffBanner } from '@/components/shell/turned-off-banner';
import { getCurrentAdmin } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { listTurnedOffConnections } from '@/lib/delivery/connections/queries';
import { listEnvironments } from '@/lib/environments/queries';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const admin = await getCurrentAdmin();
  // Without a session every page redirects to sign-in itself (with its own return address).
  if (!admin) return <>{children}</>;
  const db = await getDb();
  const [environments, turnedOff] = await Promise.all([listEnvironments(db), listTurnedOffConnections(db)]);
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">Signalboard</div>
        <SidebarNav />
      </aside>
      <div className="main">
        <header className="topbar">
          <EnvironmentSwitcher environments={environments.map(({ slug, name, isDefault }) => ({ slug, name, isDefault }))} />
          <div className="right">
            <span>
              {admin.email} · <span className="badge badge-muted">{admin.role}</span>
            </span>
            <SignOutButton />
          </div>
        </header>
        <main className="content">
          <TurnedOffBanner connections={turnedOff} />
          {children}
        </main>
      </div>
    </div>
  );
}
