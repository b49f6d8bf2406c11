// Which transcript entries predate the first event the mirror sees for a dialog: those are imported as history.
import type { DialogEvent, TranscriptEntry } from "@wewall/shared";

export function historyBefore(transcript: readonly TranscriptEntry[], first: DialogEvent): TranscriptEntry[] {
  const firstAt = Date.parse(first.at);
  const before = transcript.filter((entry) => Date.parse(entry.at) < firstAt);
  // The transcript row of the first event itself may be stamped a moment earlier than the event.
  const last = before.at(-1);
  const text = typeof first.data.text === "string" ? first.data.text : undefined;
  const author = first.type === "message.in" ? "client" : first.data.author;
  if (last && text !== undefined && last.text === text && last.author === author) before.pop();
  return before;
}
