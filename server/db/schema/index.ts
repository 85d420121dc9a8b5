export * from "./agencies";
export * from "./audit";
export * from "./auth";
export * from "./locations";
export * from "./ghl";
export * from "./webhooks";
export * from "./mirror";
