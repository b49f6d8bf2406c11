// What a failed Bot API call means for the outbox: wait, retry later, give up on the chat, or give up on the part.
import { GrammyError, HttpError } from "grammy";

export type SendFailure =
  | { kind: "flood"; waitMs: number }
  | { kind: "transient"; message: string }
  | { kind: "blocked"; message: string }
  | { kind: "rejected"; message: string };

export function classifySendError(error: unknown): SendFailure {
  if (error instanceof GrammyError) {
    if (error.error_code === 429) {
      const seconds = error.parameters.retry_after ?? 1;
      return { kind: "flood", waitMs: Math.max(0, seconds) * 1000 };
    }
    // 403: blocked by the user, user deactivated, or kicked from the chat — sending again cannot succeed.
    if (error.error_code === 403) return { kind: "blocked", message: error.description };
    // 401 / 404: the token is revoked or wrong. Every send fails until an operator fixes it; the replies wait.
    if (error.error_code >= 500 || error.error_code === 401 || error.error_code === 404)
      return { kind: "transient", message: error.description };
    return { kind: "rejected", message: error.description };
  }
  if (error instanceof HttpError) return { kind: "transient", message: error.message };
  return { kind: "transient", message: error instanceof Error ? error.message : String(error) };
}
