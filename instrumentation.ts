export const register = async () => {
  // Edge bundles cannot open the database; `next build` must not boot the app.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build")
    return;
  const { boot } = await import("./server/boot");
  await boot();
};
