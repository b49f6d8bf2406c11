// The sales funnel, one invocation per client turn: understand the message, then ask, confirm, compute, or collect the contact.
import { END, START, StateGraph } from "@langchain/langgraph";
import type { FunnelDeps } from "./configuration.js";
import { answerQuestion } from "./nodes/answer-question.js";
import { askContact } from "./nodes/ask-contact.js";
import { askSlot } from "./nodes/ask-slot.js";
import { confirm } from "./nodes/confirm.js";
import { createLead } from "./nodes/create-lead.js";
import { greet } from "./nodes/greet.js";
import { handOff } from "./nodes/hand-off.js";
import { createSearchListingsNode } from "./nodes/search-listings.js";
import { createUnderstandNode } from "./nodes/understand.js";
import { stopFollowUps } from "./nodes/stop-follow-ups.js";
import { createValuateNode } from "./nodes/valuate.js";
import { routeAfterTool, routeTurn } from "./routing.js";
import { DialogState } from "./state.js";

export function buildFunnelGraph(deps: FunnelDeps) {
  return new StateGraph(DialogState)
    .addNode("understand", createUnderstandNode(deps))
    .addNode("greet", greet)
    .addNode("handOff", handOff)
    .addNode("answerQuestion", answerQuestion)
    .addNode("askSlot", askSlot)
    .addNode("confirm", confirm)
    .addNode("valuate", createValuateNode(deps))
    .addNode("searchListings", createSearchListingsNode(deps))
    .addNode("askContact", askContact)
    .addNode("createLead", createLead)
    .addNode("stopFollowUps", stopFollowUps)
    .addEdge(START, "understand")
    .addConditionalEdges("understand", routeTurn, [
      "greet",
      "handOff",
      "answerQuestion",
      "askSlot",
      "confirm",
      "valuate",
      "searchListings",
      "askContact",
      "createLead",
      "stopFollowUps",
    ])
    .addConditionalEdges("valuate", routeAfterTool, ["askContact", END])
    .addConditionalEdges("searchListings", routeAfterTool, ["askContact", END])
    .addEdge("greet", END)
    .addEdge("handOff", END)
    .addEdge("answerQuestion", END)
    .addEdge("askSlot", END)
    .addEdge("confirm", END)
    .addEdge("askContact", END)
    .addEdge("createLead", END)
    .addEdge("stopFollowUps", END);
}

export type FunnelGraph = ReturnType<ReturnType<typeof buildFunnelGraph>["compile"]>;
