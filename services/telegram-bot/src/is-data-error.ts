// PostgreSQL's data exceptions (SQLSTATE class 22: a NUL character in JSON, a lone surrogate) belong to one row.
export function isDataError(error: unknown): boolean {
  return error instanceof Error && "code" in error && typeof error.code === "string" && error.code.startsWith("22");
}
