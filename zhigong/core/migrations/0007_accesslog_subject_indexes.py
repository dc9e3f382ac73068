"""Indexes for a member's own access log (/me/access/): the views of one record
(subject_type, subject_id), and the unmasked roster exports of a union (channel, union_path)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0006_holiday_years'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='accesslog',
            index=models.Index(fields=['subject_type', 'subject_id'], name='accesslog_subject'),
        ),
        migrations.AddIndex(
            model_name='accesslog',
            index=models.Index(fields=['channel', 'union_path'], name='accesslog_channel_union'),
        ),
    ]
