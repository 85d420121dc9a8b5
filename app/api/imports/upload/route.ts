// POST /api/imports/upload – a CSV file for a contact import, streamed to disk (size-capped)
import { IMPORT_LIMITS } from "~/server/imports/csv/limits";
import { bodyChunks, errorResponse, jsonError } from "~/server/imports/http/route-helpers";
import { uploadDir } from "~/server/imports/uploads/upload-dir";
import {
  UploadTooLargeError,
  pruneUploads,
  saveUpload,
} from "~/server/imports/uploads/upload-store";
import { createTRPCContext } from "~/server/trpc/next-context";
import { createCaller } from "~/server/trpc/root";

export const dynamic = "force-dynamic";

const DAY_MS = 24 * 60 * 60_000;

export const POST = async (request: Request) => {
  const context = await createTRPCContext({ headers: request.headers });
  let agencyId: string;
  try {
    agencyId = (await createCaller(context).agency.get()).id;
  } catch (error) {
    return errorResponse(error);
  }
  const userId = context.session?.user?.id ?? "";
  const limit = IMPORT_LIMITS.maxUploadBytes;
  if (Number(request.headers.get("content-length") ?? 0) > limit)
    return jsonError(413, new UploadTooLargeError(limit).message);
  if (!request.body) return jsonError(400, "The upload is empty: choose a CSV file.");
  const rawName = request.headers.get("x-file-name");
  const fileName = rawName ? decodeURIComponent(rawName) : "contacts.csv";
  try {
    void pruneUploads(uploadDir(), DAY_MS).catch(() => undefined);
    const meta = await saveUpload({
      dir: uploadDir(),
      agencyId,
      userId,
      fileName,
      body: bodyChunks(request.body),
      maxBytes: limit,
    });
    if (meta.bytes === 0) return jsonError(400, "The file is empty.");
    return Response.json(
      { uploadId: meta.id, fileName: meta.fileName, bytes: meta.bytes, encoding: meta.encoding },
      { status: 201 },
    );
  } catch (error) {
    if (error instanceof UploadTooLargeError) return jsonError(413, error.message);
    context.log.error({ err: error }, "saving an import upload failed");
    return jsonError(500, "The file could not be saved. Try again.");
  }
};
