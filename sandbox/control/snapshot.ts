import { readFileSync, writeFileSync } from "node:fs";

import type { Sandbox } from "../context";
import { ContactIndex } from "../store/contact-index";
import { type SandboxState, createState } from "../store/state";
import type { Contact } from "../store/types";

const SNAPSHOT_VERSION = 1;

type Snapshot = { version: number; savedAt: string; state: Record<string, unknown> };

/** The whole world as JSON: maps become entry lists, sets become arrays. */
export const toSnapshot = (sandbox: Sandbox): Snapshot => {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(sandbox.state)) {
    if (value instanceof ContactIndex) out[key] = [...value.all()];
    else if (value instanceof Map) {
      out[key] = [...value.entries()].map(([k, v]) => [k, v instanceof Set ? [...v] : v]);
    } else out[key] = value;
  }
  return {
    version: SNAPSHOT_VERSION,
    savedAt: new Date(sandbox.clock.now()).toISOString(),
    state: out,
  };
};

export const fromSnapshot = (snapshot: Snapshot): SandboxState => {
  if (snapshot.version !== SNAPSHOT_VERSION)
    throw new Error(`unsupported sandbox snapshot version ${snapshot.version}`);
  const state = createState();
  for (const [key, template] of Object.entries(state)) {
    const saved = snapshot.state[key];
    if (saved === undefined) continue;
    if (template instanceof ContactIndex) template.insertMany(saved as Contact[]);
    else if (template instanceof Map) {
      const membership = key.endsWith("Members");
      const map = template as Map<string, unknown>;
      for (const [k, v] of saved as [string, unknown][])
        map.set(k, membership ? new Set(v as string[]) : v);
    } else (state as Record<string, unknown>)[key] = saved;
  }
  return state;
};

export const saveSnapshot = (sandbox: Sandbox, file: string) =>
  writeFileSync(file, JSON.stringify(toSnapshot(sandbox)));

export const loadSnapshot = (file: string) =>
  fromSnapshot(JSON.parse(readFileSync(file, "utf8")) as Snapshot);
