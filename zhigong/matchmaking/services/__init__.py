"""The matchmaking service's writes: registration and review (``registration``), serving
a member (``serving``), the end of the service and complaints (``ending``)."""
