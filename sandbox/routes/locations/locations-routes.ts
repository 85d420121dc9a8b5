import type { RouteTable } from "../../core/api-route";
import { campaignsWorkflowsRoutes } from "./campaigns-workflows-routes";
import { customFieldsRoutes } from "./custom-fields-routes";
import { formsRoutes } from "./forms-routes";
import { subAccountsRoutes } from "./sub-accounts-routes";
import { usersRoutes } from "./users-routes";
import { valuesTagsRoutes } from "./values-tags-routes";

/** Sub-accounts, their settings (custom fields, values, tags), users, forms, campaigns, workflows. */
export const locationsRoutes: RouteTable = {
  ...subAccountsRoutes,
  ...customFieldsRoutes,
  ...valuesTagsRoutes,
  ...usersRoutes,
  ...formsRoutes,
  ...campaignsWorkflowsRoutes,
};
