const hasControlCharacter = (value: string) =>
  [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch === "\u007f");

/**
 * A same-origin path to return to after sign-in, or "/". Refuses absolute and protocol-relative
 * URLs, backslash tricks and encoded variants of them (open redirects).
 */
export const safeRedirectPath = (value: unknown): string => {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return "/";
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return "/";
  }
  for (const candidate of [value, decoded]) {
    if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.includes("\\"))
      return "/";
    if (hasControlCharacter(candidate)) return "/";
  }
  const url = new URL(value, "http://internal.invalid");
  if (url.origin !== "http://internal.invalid") return "/";
  return `${url.pathname}${url.search}${url.hash}`;
};
