// The scheduler's series: follow-ups scheduled, sent, cancelled by cause, and clients who answered one within 24 h.
import type { Metrics } from "@wewall/shared";

export type CancelCause =
  "client_message" | "manager" | "lead_created" | "blocked" | "erased" | "stopped" | "moved" | "replanned";

export function createSchedulerMetrics(metrics: Metrics) {
  return {
    scheduled: metrics.counter({
      name: "wewall_followups_scheduled_total",
      help: "Follow-ups planned",
      labelNames: ["kind"],
    }),
    sent: metrics.counter({
      name: "wewall_followups_sent_total",
      help: "Follow-ups the core sent",
      labelNames: ["kind"],
    }),
    cancelled: metrics.counter({
      name: "wewall_followups_cancelled_total",
      help: "Follow-ups planned and not sent, by cause",
      labelNames: ["cause"],
    }),
    answered: metrics.counter({
      name: "wewall_followups_answered_total",
      help: "Clients who wrote within 24 hours of a follow-up (the reactivations)",
    }),
  };
}

export type SchedulerMetrics = ReturnType<typeof createSchedulerMetrics>;
