import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { TRPCReactProvider } from './_trpc/react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'CLC+ Backbone', template: '%s · CLC+ Backbone' },
  description: 'Production and dissemination of the Copernicus CLC+ Backbone land-cover products',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
