"""Reader comments under a pre-moderation policy (issue 6): screening against the policy,
submission with abuse controls, and moderation (approve or reject, never edit).

The web layer needs only these:

- `submit(store, target_kind, target_id, name, email, text, address, honeypot="")`
- `list_approved(store, target_kind, target_id)` and `render_text(text)`
- `queue(store)`, `decide(store, comment_id, decision, moderator, reason=None)`,
  `decide_many(...)`, `QueuedComment.highlighted_html()`, `settings` / `update_settings`
- `screen(text)` for a screening on its own

The policy and where the lists come from: POLICY.md beside this file.
"""
from dateline.moderation.comments import (AWAITING_MODERATION, DEFAULT_LIMITS, TARGET_KINDS,
                                          DuplicateComment, Limits, PublicComment, RateLimited,
                                          Submission, SubmissionError, count_approved,
                                          list_approved, render_text, submit)
from dateline.moderation.moderation import (AWAITING, DECISIONS, Decision, DecisionError,
                                            QueuedComment, Settings, comment, decide,
                                            decide_many, decisions, highlight_html, queue,
                                            queue_counts, settings, update_settings)
from dateline.moderation.screening import (ABUSE_SUBS, FLAG_AT, REASONS, Reason, Screener,
                                           Screening, default_screener, screen)

__all__ = [
    "ABUSE_SUBS", "AWAITING", "AWAITING_MODERATION", "DECISIONS", "DEFAULT_LIMITS", "FLAG_AT",
    "REASONS", "TARGET_KINDS", "Decision", "DecisionError", "DuplicateComment", "Limits",
    "PublicComment", "QueuedComment", "RateLimited", "Reason", "Screener", "Screening",
    "Settings", "Submission", "SubmissionError", "comment", "count_approved", "decide",
    "decide_many", "decisions", "default_screener", "highlight_html", "list_approved", "queue",
    "queue_counts", "render_text", "screen", "settings", "submit", "update_settings",
]
