// Contract types this service answers with.
import type { z } from "zod";
import type { relaxSuggestionSchema } from "@wewall/shared";

export type RelaxSuggestion = z.infer<typeof relaxSuggestionSchema>;
