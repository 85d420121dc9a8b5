"use client";

import { useQuery } from "@tanstack/react-query";

import { useTRPC } from "../providers/trpc-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { Skeleton } from "../ui/skeleton";
import { CanonicalFieldForm } from "./canonical-field-form";
import { CanonicalFieldsTable } from "./canonical-fields-table";
import { LocationFields } from "./location-fields";
import { MappingGrid } from "./mapping-grid";

export const CustomFieldsPanel = () => {
  const trpc = useTRPC();
  const across = useQuery(trpc.customFields.listAcrossLocations.queryOptions());

  if (across.isPending)
    return (
      <div className="space-y-6" aria-busy="true" aria-label="Loading custom fields">
        <Skeleton className="h-40" />
        <Skeleton className="h-72" />
      </div>
    );
  if (across.isError)
    return (
      <Alert>
        Could not load custom fields: {across.error.message}{" "}
        <Button variant="secondary" size="sm" onClick={() => void across.refetch()}>
          Try again
        </Button>
      </Alert>
    );
  const data = across.data;

  return (
    <div className="space-y-8">
      {data.deferred > 0 ? (
        <Alert tone="info">
          {data.deferred} location{data.deferred === 1 ? "'s" : "s'"} fields are over an hour old
          and will be read from GoHighLevel on the next visit, or now with their Refresh button.
        </Alert>
      ) : null}
      <Card>
        <CardHeader
          title="Canonical fields"
          description="Name a field once for the whole agency, then map it to each location's own field. Imports and automations write to canonical:<key>, and each value is checked against the location's field type."
        />
        <div className="space-y-5 p-5">
          <CanonicalFieldForm />
          <CanonicalFieldsTable fields={data.canonical} locationCount={data.locations.length} />
        </div>
      </Card>
      <Card>
        <CardHeader
          title="Mapping"
          description="Each cell offers only the location's fields whose type can hold the canonical field's values. Fields are read from GoHighLevel when they are over an hour old."
        />
        <div className="p-5">
          <MappingGrid data={data} />
        </div>
      </Card>
      <Card>
        <CardHeader
          title="Fields by location"
          description="Every contact custom field a location has in GoHighLevel, with its type and options."
        />
        <div className="p-5">
          <LocationFields locations={data.locations} />
        </div>
      </Card>
    </div>
  );
};
