"""Every write to cases. Modules: intake (the requester's submission, a hotline call),
handling (accept, assign, reply, close, transfer, escalate), requester (add information,
rate, reopen), referrals (government departments, chasing), configure (routing rules),
scan (the deadline scan: warnings and escalation)."""
