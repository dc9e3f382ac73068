"""Every write to members. Modules: registry (members), applications, cards, selfservice
(change requests, consents, export, leaving), transfers, reveal (logged full views)."""
