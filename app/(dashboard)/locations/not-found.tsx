import Link from "next/link";

import { buttonClasses } from "~/components/ui/button";

const LocationNotFound = () => (
  <div className="mx-auto max-w-md py-16 text-center">
    <p className="text-sm font-semibold text-indigo-600">404</p>
    <h1 className="mt-2 text-2xl font-semibold">Location not found</h1>
    <p className="mt-2 text-sm text-slate-600">
      This location does not exist, or you do not have access to it. Ask an agency admin if you need
      it.
    </p>
    <Link href="/" className={`${buttonClasses("secondary")} mt-6`}>
      Back to all locations
    </Link>
  </div>
);

export default LocationNotFound;
