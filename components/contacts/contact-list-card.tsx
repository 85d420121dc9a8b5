import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";

import { Alert } from "../ui/alert";
import { Card, CardHeader } from "../ui/card";
import { Skeleton } from "../ui/skeleton";

/**
 * A card of one contact's notes or tasks: the form that adds one (children), then the list read
 * from GoHighLevel with its loading, error and empty states. The title also names the list.
 */
export const ContactListCard = <T,>({
  title,
  items,
  renderItem,
  children,
}: {
  title: string;
  items: UseQueryResult<T[], { message: string }>;
  renderItem: (item: T) => ReactNode;
  children: ReactNode;
}) => {
  const noun = title.toLowerCase();
  return (
    <Card>
      <CardHeader title={title} />
      <div className="space-y-3 px-5 py-4">
        {children}
        {items.isPending ? <Skeleton className="h-16" /> : null}
        {items.isError ? (
          <Alert>
            Could not load the {noun}: {items.error.message}
          </Alert>
        ) : null}
        {items.isSuccess && items.data.length === 0 ? (
          <p className="text-sm text-slate-600">No {noun} yet.</p>
        ) : null}
        {items.isSuccess && items.data.length > 0 ? (
          <ul className="divide-y divide-slate-100" aria-label={title}>
            {items.data.map(renderItem)}
          </ul>
        ) : null}
      </div>
    </Card>
  );
};
