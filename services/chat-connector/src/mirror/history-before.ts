// Which transcript entries predate the first event the mirror sees for a dialog: those are imported as history.
import type { DialogEvent, TranscriptEntry } from "@wewall/shared";

export function historyBefore(transcript: readonly TranscriptEntry[], first: DialogEvent): TranscriptEntry[] {
  const firstAt = Date.parse(first.at);
  const before = transcript.filter((entry) => Date.parse(entry.at) < firstAt);
  // The transcript row of the first event itself may be stamped a moment earlier than the event.
  const last = before.at(-1);
  const said =
    first.type === "message.in"
      ? { text: first.data.text, author: "client" }
      : first.type === "message.out"
        ? { text: first.data.text, author: first.data.author }
        : undefined;
  if (last && said && last.text === said.text && last.author === said.author) before.pop();
  return before;
}
