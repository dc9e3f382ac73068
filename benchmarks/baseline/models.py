from django.db import models


class Fortune(models.Model):
    """The one table (created and filled by the benchmark script, not by migrations)."""

    message = models.CharField(max_length=2048)

    class Meta:
        db_table = "fortune"
        managed = False

    def __str__(self) -> str:
        return self.message
