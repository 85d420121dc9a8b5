"use client";

import { type DragEvent, useId, useRef, useState } from "react";
import { z } from "zod";

import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { formatBytes } from "./format";

export type Uploaded = { uploadId: string; fileName: string; bytes: number };

const MAX_BYTES = 50 * 1024 * 1024;
const ZUploaded = z.object({ uploadId: z.uuid(), fileName: z.string(), bytes: z.number() });
const ZError = z.object({ error: z.string() });

/** XHR rather than fetch: it reports upload progress, which a 50 MB file needs. */
const send = (file: File, onProgress: (share: number) => void) =>
  new Promise<Uploaded>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/imports/upload");
    xhr.setRequestHeader("content-type", "text/csv");
    xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () =>
      reject(new Error("The upload failed: check your connection and try again."));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // handled below
      }
      const ok = ZUploaded.safeParse(body);
      if (xhr.status >= 200 && xhr.status < 300 && ok.success) return resolve(ok.data);
      const failure = ZError.safeParse(body);
      reject(
        new Error(failure.success ? failure.data.error : `The upload failed (${xhr.status}).`),
      );
    };
    xhr.send(file);
  });

/** Step 1: a CSV file, dropped or chosen, uploaded with a progress bar. */
export const UploadStep = ({ onUploaded }: { onUploaded: (upload: Uploaded) => void }) => {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    if (file.size > MAX_BYTES)
      return setError(
        `${file.name} is ${formatBytes(file.size)}; one import takes files up to 50 MB.`,
      );
    if (file.size === 0) return setError(`${file.name} is empty.`);
    setProgress(0);
    try {
      onUploaded(await send(file, setProgress));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : "The upload failed.");
    } finally {
      setProgress(null);
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void upload(event.dataTransfer.files[0]);
  };

  return (
    <div className="space-y-4">
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cn(
          "rounded-lg border-2 border-dashed px-6 py-12 text-center transition",
          dragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300",
        )}
      >
        <p className="text-sm font-semibold text-slate-900">Drop a CSV file here</p>
        <p className="mt-1 text-sm text-slate-600">
          Up to 50,000 rows and 50 MB. The first line names the columns; commas, semicolons or tabs
          separate them.
        </p>
        <input
          ref={input}
          id={inputId}
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          className="sr-only"
          aria-label="CSV file"
          onChange={(event) => void upload(event.target.files?.[0])}
        />
        <Button
          className="mt-4"
          variant="secondary"
          pending={progress !== null}
          onClick={() => input.current?.click()}
        >
          Choose a file
        </Button>
      </div>
      {progress !== null ? (
        <div>
          <div
            className="h-2 overflow-hidden rounded-full bg-slate-200"
            role="progressbar"
            aria-label="Upload"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(progress * 100)}
          >
            <div
              className="h-full bg-indigo-600 transition-all"
              style={{ width: `${progress * 100}%` }}
            />
          </div>
          <p className="mt-1 text-xs text-slate-600">Uploading… {Math.round(progress * 100)}%</p>
        </div>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
};
