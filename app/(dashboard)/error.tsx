"use client";

import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";

const DashboardError = ({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) => (
  <div className="mx-auto max-w-lg space-y-4 py-12">
    <h1 className="text-xl font-semibold">This page could not be loaded</h1>
    <Alert>
      Something went wrong on our side. Try again; if it keeps happening, give an administrator this
      reference: <code>{error.digest ?? "unknown"}</code>.
    </Alert>
    <Button onClick={reset}>Try again</Button>
  </div>
);

export default DashboardError;
