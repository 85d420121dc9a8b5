import type { Metadata } from "next";
import type { ReactNode } from "react";

import { TRPCReactProvider } from "~/components/providers/trpc-provider";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "GHL Hub", template: "%s · GHL Hub" },
  description: "Every GoHighLevel location of your agency in one place.",
  icons: { icon: "/icon.svg" },
};

const RootLayout = ({ children }: { children: ReactNode }) => (
  <html lang="en">
    <body className="min-h-screen font-sans">
      <TRPCReactProvider>{children}</TRPCReactProvider>
    </body>
  </html>
);

export default RootLayout;
