// In this order: variables, layout, cards and buttons; then controls, tables and states; then
// what one feature's pages need.
import './styles/base.css';
import './styles/controls.css';
import './styles/features.css';

import type { Metadata } from 'next';
import type { ReactNode } from 'react';

import { Providers } from '@/components/providers';

// Every page reads the session or the database: none may be prerendered at build time (which
// would also open the database from the build process).
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Signalboard', template: '%s · Signalboard' },
  description: 'Signals, behavioural cohorts and notifications over your own Postgres.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
