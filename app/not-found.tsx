import Link from "next/link";

import { buttonClasses } from "~/components/ui/button";

const NotFound = () => (
  <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center px-6 text-center">
    <p className="text-sm font-semibold text-indigo-600">404</p>
    <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
    <p className="mt-2 text-sm text-slate-600">
      It does not exist, or you do not have access to it.
    </p>
    <Link href="/" className={`${buttonClasses("secondary")} mt-6`}>
      Back to the overview
    </Link>
  </main>
);

export default NotFound;
