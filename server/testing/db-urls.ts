export type DbTemplate =
  | { kind: "postgres"; url: string; template: string; prefix: string }
  | { kind: "pglite"; file: string };

export const withDatabase = (url: string, database: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/** Connection options for the maintenance database of the server behind `url`. */
export const adminConnection = (url: string) => {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username || "postgres"),
    password: decodeURIComponent(parsed.password),
    database: "postgres",
    max: 1,
  };
};
