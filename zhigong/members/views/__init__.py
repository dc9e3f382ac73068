"""Member pages. Each module keeps its own URL list; ``zhigong.members.urls`` joins them:
``imports`` (roster import and export), ``staff`` (search, detail, reveal, cards),
``queues`` (applications, change requests, transfers), ``figures`` (member figures),
``portal`` (the member's own pages at /me/)."""
