import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { once } from "node:events";

import { z } from "zod";

import { type ByteSource, createUtf8Check } from "../csv/decode";

/**
 * Uploaded CSV files wait on disk (DATA_DIR/uploads) until they are planned: the rows then live in
 * contact_import_rows and the file is no longer needed. With several app servers DATA_DIR must be
 * shared, since the upload and the plan may reach different servers.
 */
export const ZUploadMeta = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  userId: z.string(),
  fileName: z.string(),
  bytes: z.number(),
  encoding: z.enum(["utf-8", "windows-1252"]),
  uploadedAt: z.string(),
});
export type UploadMeta = z.infer<typeof ZUploadMeta>;

export class UploadTooLargeError extends Error {
  override name = "UploadTooLargeError";
  constructor(readonly limit: number) {
    super(
      `The file is larger than ${Math.round(limit / 1024 / 1024)} MB, the most one import takes.`,
    );
  }
}

const ZId = z.uuid();
const filesOf = (dir: string, id: string) => ({
  data: path.join(dir, `${id}.csv`),
  meta: path.join(dir, `${id}.json`),
});

/** A file name safe to show: no path, no control characters, bounded. */
export const cleanFileName = (name: string) =>
  (name.split(/[\\/]/).pop() ?? "")
    .replace(/\p{Cc}/gu, "")
    .trim()
    .slice(0, 200) || "contacts.csv";

/** Streams the body to disk, stopping (and deleting what was written) past `maxBytes`. */
export const saveUpload = async ({
  dir,
  agencyId,
  userId,
  fileName,
  body,
  maxBytes,
}: {
  dir: string;
  agencyId: string;
  userId: string;
  fileName: string;
  body: AsyncIterable<Uint8Array>;
  maxBytes: number;
}): Promise<UploadMeta> => {
  await mkdir(dir, { recursive: true });
  const id = randomUUID();
  const files = filesOf(dir, id);
  const out = createWriteStream(files.data, { flags: "wx" });
  const utf8 = createUtf8Check();
  let bytes = 0;
  try {
    for await (const chunk of body) {
      bytes += chunk.byteLength;
      if (bytes > maxBytes) throw new UploadTooLargeError(maxBytes);
      utf8.push(chunk);
      if (!out.write(chunk)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
  } catch (error) {
    out.destroy();
    await rm(files.data, { force: true });
    throw error;
  }
  const meta: UploadMeta = {
    id,
    agencyId,
    userId,
    fileName: cleanFileName(fileName),
    bytes,
    encoding: utf8.finish(),
    uploadedAt: new Date().toISOString(),
  };
  await writeFile(files.meta, JSON.stringify(meta));
  return meta;
};

/** The upload if it exists and belongs to the agency; null otherwise (ids are not guessable paths). */
export const findUpload = async (dir: string, agencyId: string, id: string) => {
  if (!ZId.safeParse(id).success) return null;
  const files = filesOf(dir, id);
  // Uploads are data, not code: the ignore comments keep Next from tracing the whole project here.
  const text = await readFile(/* turbopackIgnore: true */ files.meta, "utf8").catch(() => null);
  if (text === null) return null;
  const meta = ZUploadMeta.safeParse(JSON.parse(text));
  if (!meta.success || meta.data.agencyId !== agencyId) return null;
  const open: ByteSource = () =>
    createReadStream(/* turbopackIgnore: true */ files.data, { highWaterMark: 256 * 1024 });
  return { meta: meta.data, open };
};

export const deleteUpload = async (dir: string, id: string) => {
  if (!ZId.safeParse(id).success) return;
  const files = filesOf(dir, id);
  await Promise.all([rm(files.data, { force: true }), rm(files.meta, { force: true })]);
};

/** Removes uploads older than `maxAgeMs` (never planned, or planned long ago). */
export const pruneUploads = async (dir: string, maxAgeMs: number) => {
  const names = await readdir(dir).catch(() => [] as string[]);
  const cutoff = Date.now() - maxAgeMs;
  let removed = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && info.mtimeMs < cutoff) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
};
