"""The surveys app's writes: ``organise`` (questionnaires and their period, one-time codes)
and ``answering`` (a response by login, by card at the desk, or by a one-time code)."""
