"use client";

import { Button } from "../ui/button";
import { Select } from "../ui/field";

export const PAGE_SIZES = [25, 50, 100] as const;

/** "1–25 of 1,234" with previous/next; past the counting cap the total reads "1,000+". */
export const Pager = ({
  page,
  pageSize,
  total,
  totalCapped,
  shown,
  onPage,
  onPageSize,
}: {
  page: number;
  pageSize: number;
  total: number;
  totalCapped: boolean;
  shown: number;
  onPage: (page: number) => void;
  onPageSize?: (size: number) => void;
}) => {
  const from = shown === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = (page - 1) * pageSize + shown;
  const hasNext = totalCapped || to < total;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
      <span role="status">
        {from.toLocaleString()}–{to.toLocaleString()} of {total.toLocaleString()}
        {totalCapped ? "+" : ""}
      </span>
      <Button size="sm" variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </Button>
      <Button size="sm" variant="secondary" disabled={!hasNext} onClick={() => onPage(page + 1)}>
        Next
      </Button>
      {onPageSize ? (
        <label className="ml-auto flex items-center gap-2 text-xs font-medium">
          Rows per page
          <Select
            className="w-20"
            value={pageSize}
            onChange={(e) => onPageSize(Number(e.target.value))}
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </label>
      ) : null}
    </nav>
  );
};
