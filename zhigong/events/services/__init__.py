"""Every write of the events app: organising (``organise``), the members' sign-ups and the
waiting list (``signups``), the door (``checkin``), counselling records (``counselling``)."""
